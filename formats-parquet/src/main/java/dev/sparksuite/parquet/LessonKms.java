package dev.sparksuite.parquet;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.crypto.KeyAccessDeniedException;
import org.apache.parquet.crypto.keytools.KeyToolkit;
import org.apache.parquet.crypto.keytools.KmsClient;

/**
 * A key management service for the encryption lesson: master keys come from the configuration
 * ({@value #MASTER_KEYS} = {@code id:base64key,…}). Parquet never sees a master key: it asks the
 * KMS to wrap (encrypt) and unwrap keys. With double wrapping, the default, those are
 * key-encryption keys, one per master key, which wrap the random data keys of each file and column
 * in the writer's JVM; with {@code parquet.encryption.double.wrapping=false}, the data keys
 * themselves.
 *
 * <p>A real deployment uses a KMS server (Vault, a cloud KMS) that keeps master keys out of the
 * job's configuration; this class stands in for it only so the lesson runs anywhere.
 */
public final class LessonKms implements KmsClient {

  /** Configuration property holding the master keys. */
  public static final String MASTER_KEYS = "sparksuite.kms.master.keys";

  private final Map<String, byte[]> masterKeys = new HashMap<>();

  @Override
  public void initialize(
      Configuration configuration,
      String kmsInstanceId,
      String kmsInstanceUrl,
      String accessToken) {
    for (String entry : configuration.getTrimmedStrings(MASTER_KEYS)) {
      String[] idAndKey = entry.split(":", 2);
      masterKeys.put(idAndKey[0].trim(), Base64.getDecoder().decode(idAndKey[1].trim()));
    }
  }

  @Override
  public String wrapKey(byte[] dataKey, String masterKeyId) throws KeyAccessDeniedException {
    // The master key id is the AAD: a wrapped key cannot be passed off as wrapped by another key.
    return KeyToolkit.encryptKeyLocally(dataKey, masterKey(masterKeyId), aad(masterKeyId));
  }

  @Override
  public byte[] unwrapKey(String wrappedKey, String masterKeyId) throws KeyAccessDeniedException {
    return KeyToolkit.decryptKeyLocally(wrappedKey, masterKey(masterKeyId), aad(masterKeyId));
  }

  private byte[] masterKey(String id) throws KeyAccessDeniedException {
    byte[] key = masterKeys.get(id);
    if (key == null) {
      throw new KeyAccessDeniedException("the KMS holds no master key '" + id + "'");
    }
    return key;
  }

  private static byte[] aad(String masterKeyId) {
    return masterKeyId.getBytes(StandardCharsets.UTF_8);
  }
}
