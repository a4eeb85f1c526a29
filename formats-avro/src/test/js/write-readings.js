// Writes an Avro data file with avsc, the JavaScript Avro implementation: argv[2] = output file.
const avro = require('avsc');

const type = avro.Type.forSchema({
  type: 'record', name: 'Reading', namespace: 'js.sensors',
  fields: [{name: 'id', type: 'long'}, {name: 'label', type: 'string'}, {name: 'value', type: ['null', 'double']}],
});
const encoder = avro.createFileEncoder(process.argv[2], type, {codec: 'deflate'});
for (let i = 0; i < 100; i++) {
  encoder.write({id: i, label: 'r' + i, value: i % 10 === 0 ? null : i / 2});
}
encoder.end();
