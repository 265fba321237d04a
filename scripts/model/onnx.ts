/**
 * Writes the bundled classifier as an ONNX model. The schema below is the subset of onnx.proto
 * the graph uses (same field numbers), encoded with protobufjs so no hand-rolled wire format.
 */
import protobuf from 'protobufjs';

const ONNX_SCHEMA = {
  nested: {
    ModelProto: {
      fields: {
        irVersion: { id: 1, type: 'int64' },
        producerName: { id: 2, type: 'string' },
        producerVersion: { id: 3, type: 'string' },
        docString: { id: 6, type: 'string' },
        graph: { id: 7, type: 'GraphProto' },
        opsetImport: { id: 8, type: 'OperatorSetIdProto', rule: 'repeated' },
      },
    },
    OperatorSetIdProto: {
      fields: { domain: { id: 1, type: 'string' }, version: { id: 2, type: 'int64' } },
    },
    GraphProto: {
      fields: {
        node: { id: 1, type: 'NodeProto', rule: 'repeated' },
        name: { id: 2, type: 'string' },
        initializer: { id: 5, type: 'TensorProto', rule: 'repeated' },
        input: { id: 11, type: 'ValueInfoProto', rule: 'repeated' },
        output: { id: 12, type: 'ValueInfoProto', rule: 'repeated' },
      },
    },
    NodeProto: {
      fields: {
        input: { id: 1, type: 'string', rule: 'repeated' },
        output: { id: 2, type: 'string', rule: 'repeated' },
        name: { id: 3, type: 'string' },
        opType: { id: 4, type: 'string' },
        attribute: { id: 5, type: 'AttributeProto', rule: 'repeated' },
      },
    },
    AttributeProto: {
      fields: {
        name: { id: 1, type: 'string' },
        i: { id: 3, type: 'int64' },
        type: { id: 20, type: 'int32' },
      },
    },
    TensorProto: {
      fields: {
        dims: { id: 1, type: 'int64', rule: 'repeated' },
        dataType: { id: 2, type: 'int32' },
        name: { id: 8, type: 'string' },
        rawData: { id: 9, type: 'bytes' },
      },
    },
    ValueInfoProto: {
      fields: { name: { id: 1, type: 'string' }, type: { id: 2, type: 'TypeProto' } },
    },
    TypeProto: { fields: { tensorType: { id: 1, type: 'TensorTypeProto' } } },
    TensorTypeProto: {
      fields: { elemType: { id: 1, type: 'int32' }, shape: { id: 2, type: 'TensorShapeProto' } },
    },
    TensorShapeProto: { fields: { dim: { id: 1, type: 'Dimension', rule: 'repeated' } } },
    Dimension: {
      fields: { dimValue: { id: 1, type: 'int64' }, dimParam: { id: 2, type: 'string' } },
    },
  },
};

const DataType = { FLOAT: 1, UINT8: 2, INT64: 7 } as const;
const ATTRIBUTE_INT = 2;
/** IR version 8 with opset 13: what onnxruntime 1.30 and every transformers.js release read. */
const IR_VERSION = 8;
const OPSET = 13;

/** The trained weights: a token embedding table, then a linear layer over the mean embedding. */
export interface BagOfTokensWeights {
  vocabSize: number;
  dimensions: number;
  classes: number;
  /** vocabSize × dimensions, row-major. */
  embeddings: Float32Array;
  /** dimensions × classes, row-major. */
  weights: Float32Array;
  bias: Float32Array;
}

interface Tensor {
  name: string;
  dims: number[];
  dataType: number;
  rawData: Uint8Array;
}

interface Node {
  opType: string;
  input: string[];
  output: string[];
  attribute?: { name: string; i: number; type: number }[];
}

/** Per-tensor asymmetric uint8 quantisation of the embedding table (the `q8` file). */
export function quantize(values: Float32Array): {
  data: Uint8Array;
  scale: number;
  zeroPoint: number;
} {
  let min = 0;
  let max = 0;
  for (const value of values) {
    min = Math.min(min, value);
    max = Math.max(max, value);
  }
  const scale = Math.fround((max - min) / 255 || 1);
  const zeroPoint = Math.min(255, Math.max(0, Math.round(-min / scale)));
  const data = new Uint8Array(values.length);
  values.forEach((value, i) => {
    data[i] = Math.min(255, Math.max(0, Math.round(value / scale) + zeroPoint));
  });
  return { data, scale, zeroPoint };
}

/**
 * input_ids/attention_mask → masked mean of the (dequantised) token embeddings → linear layer →
 * `logits`, the output name transformers.js reads for sequence classification.
 */
export function encodeQuantizedModel(model: BagOfTokensWeights, docString: string): Uint8Array {
  const q = quantize(model.embeddings);
  const initializer: Tensor[] = [
    tensor('embeddings_q', [model.vocabSize, model.dimensions], DataType.UINT8, q.data),
    tensor('embeddings_scale', [], DataType.FLOAT, new Float32Array([q.scale])),
    tensor('embeddings_zero_point', [], DataType.UINT8, new Uint8Array([q.zeroPoint])),
    tensor('classifier_weight', [model.dimensions, model.classes], DataType.FLOAT, model.weights),
    tensor('classifier_bias', [model.classes], DataType.FLOAT, model.bias),
    tensor('axis_sequence', [1], DataType.INT64, new BigInt64Array([1n])),
    tensor('axis_features', [1], DataType.INT64, new BigInt64Array([2n])),
    tensor('epsilon', [], DataType.FLOAT, new Float32Array([1e-9])),
  ];
  const node: Node[] = [
    op('Gather', ['embeddings_q', 'input_ids'], ['token_q']),
    op(
      'DequantizeLinear',
      ['token_q', 'embeddings_scale', 'embeddings_zero_point'],
      ['token_vectors'],
    ),
    op(
      'Cast',
      ['attention_mask'],
      ['mask'],
      [{ name: 'to', i: DataType.FLOAT, type: ATTRIBUTE_INT }],
    ),
    op('Unsqueeze', ['mask', 'axis_features'], ['mask_3d']),
    op('Mul', ['token_vectors', 'mask_3d'], ['masked_vectors']),
    op('ReduceSum', ['masked_vectors', 'axis_sequence'], ['vector_sum'], [keepDims(0)]),
    op('ReduceSum', ['mask_3d', 'axis_sequence'], ['token_count'], [keepDims(0)]),
    op('Max', ['token_count', 'epsilon'], ['safe_count']),
    op('Div', ['vector_sum', 'safe_count'], ['mean_vector']),
    op('MatMul', ['mean_vector', 'classifier_weight'], ['projected']),
    op('Add', ['projected', 'classifier_bias'], ['logits']),
  ];
  const root = protobuf.Root.fromJSON(ONNX_SCHEMA);
  const ModelProto = root.lookupType('ModelProto');
  const message = ModelProto.fromObject({
    irVersion: IR_VERSION,
    producerName: 'crypto-dt-source model:train',
    producerVersion: '1',
    docString,
    opsetImport: [{ domain: '', version: OPSET }],
    graph: {
      name: 'bag_of_wordpieces_classifier',
      node,
      initializer,
      input: [int64Input('input_ids'), int64Input('attention_mask')],
      output: [valueInfo('logits', DataType.FLOAT, ['batch_size', model.classes])],
    },
  });
  return ModelProto.encode(message).finish();
}

function tensor(name: string, dims: number[], dataType: number, values: ArrayBufferView): Tensor {
  return {
    name,
    dims,
    dataType,
    rawData: new Uint8Array(values.buffer, values.byteOffset, values.byteLength),
  };
}

function op(
  opType: string,
  input: string[],
  output: string[],
  attribute?: Node['attribute'],
): Node {
  return { opType, input, output, attribute };
}

function keepDims(value: number) {
  return { name: 'keepdims', i: value, type: ATTRIBUTE_INT };
}

function int64Input(name: string) {
  return valueInfo(name, DataType.INT64, ['batch_size', 'sequence_length']);
}

function valueInfo(name: string, elemType: number, dims: (string | number)[]) {
  const dim = dims.map((d) => (typeof d === 'string' ? { dimParam: d } : { dimValue: d }));
  return { name, type: { tensorType: { elemType, shape: { dim } } } };
}
