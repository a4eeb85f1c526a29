package dev.sparksuite.kubernetes;

import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

/**
 * fabric8's CRUD mock, answering a server-side apply of an object that does not exist yet the way a
 * real API server does: by creating it. Spark's submission client creates the driver's service and
 * configuration maps that way; the plain CRUD mock answers 404.
 */
final class ApplyingCrudDispatcher extends KubernetesCrudDispatcher {

  @Override
  public MockResponse handlePatch(RecordedRequest request) {
    String type = request.getHeader("Content-Type");
    if (type != null && type.startsWith("application/apply-patch")) {
      String path = request.getPath();
      int query = path.indexOf('?');
      String object = query < 0 ? path : path.substring(0, query);
      if (handleGet(object).code() == 404) {
        String collection = object.substring(0, object.lastIndexOf('/'));
        return handleCreate(
            new RecordedRequest(
                request.getHttpVersion(),
                HttpMethod.POST,
                collection,
                request.getHeaders(),
                request.getBody()));
      }
    }
    return super.handlePatch(request);
  }
}
