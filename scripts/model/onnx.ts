/**
 * Writes the bundled classifier as an ONNX model. The schema below is the subset of onnx.proto
 * the graph uses (same field numbers), encoded with protobufjs so no hand-rolled wire format.
 */
import protobuf from 'protobufjs';
import type { PooledWeights } from './classifier';
import { INTENSIFIER_BOOST, INTENSIFIER_REACH, NEGATION_REACH, type TokenTables } from './features';

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
        ints: { id: 8, type: 'int64', rule: 'repeated' },
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
const AttributeType = { INT: 2, INTS: 7 } as const;
/** IR version 8 with opset 13: what onnxruntime 1.30 and every transformers.js release read. */
const IR_VERSION = 8;
const OPSET = 13;

interface Tensor {
  name: string;
  dims: number[];
  dataType: number;
  rawData: Uint8Array;
}

interface Attribute {
  name: string;
  type: number;
  i?: number;
  ints?: number[];
}

interface Node {
  opType: string;
  input: string[];
  output: string[];
  attribute?: Attribute[];
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

export interface GraphInput {
  model: PooledWeights;
  tables: TokenTables;
  /** The calibrated temperature: the heads and bias are divided by it. */
  temperature: number;
  docString: string;
}

/**
 * input_ids/attention_mask → per-token weights (entity tokens 0, intensified neighbours more,
 * a causal window after each negator marks the negated tokens) → two weighted means of the
 * dequantised embeddings → one linear head each → `logits`, the output transformers.js reads.
 */
export function encodeQuantizedModel(input: GraphInput): Uint8Array {
  const { model, tables, temperature } = input;
  const q = quantize(model.embeddings);
  const scaled = (values: Float32Array) => values.map((v) => v / temperature);
  const initializer: Tensor[] = [
    tensor('embeddings_q', [model.vocabSize, model.dimensions], DataType.UINT8, q.data),
    tensor('embeddings_scale', [], DataType.FLOAT, new Float32Array([q.scale])),
    tensor('embeddings_zero_point', [], DataType.UINT8, new Uint8Array([q.zeroPoint])),
    tensor('token_weight', [model.vocabSize], DataType.FLOAT, tables.weight),
    tensor('negator_flag', [model.vocabSize], DataType.FLOAT, tables.negator),
    tensor('intensifier_flag', [model.vocabSize], DataType.FLOAT, tables.intensifier),
    kernel('negation_kernel', causalKernel(NEGATION_REACH)),
    kernel('intensifier_kernel', aroundKernel(INTENSIFIER_REACH)),
    scalar('one', 1),
    scalar('boost', INTENSIFIER_BOOST),
    scalar('epsilon', 1e-9),
    matrix('plain_head', model, scaled(model.plainHead)),
    matrix('negated_head', model, scaled(model.negatedHead)),
    tensor('bias', [model.classes], DataType.FLOAT, scaled(model.bias)),
    tensor('axis_sequence', [1], DataType.INT64, new BigInt64Array([1n])),
    tensor('axis_features', [1], DataType.INT64, new BigInt64Array([2n])),
  ];
  const node: Node[] = [
    op('Cast', ['attention_mask'], ['mask'], [int('to', DataType.FLOAT)]),
    op('Gather', ['token_weight', 'input_ids'], ['raw_weight']),
    op('Mul', ['raw_weight', 'mask'], ['base_weight']),
    ...window('negator_flag', 'negation_kernel', [NEGATION_REACH, 0], 'in_negation'),
    ...window(
      'intensifier_flag',
      'intensifier_kernel',
      [INTENSIFIER_REACH, INTENSIFIER_REACH],
      'near_intensifier',
    ),
    op('Mul', ['near_intensifier', 'boost'], ['extra']),
    op('Add', ['extra', 'one'], ['factor']),
    op('Mul', ['base_weight', 'factor'], ['token_weight_t']),
    op('Mul', ['token_weight_t', 'in_negation'], ['negated_weight']),
    op('Sub', ['token_weight_t', 'negated_weight'], ['plain_weight']),
    op('ReduceSum', ['base_weight', 'axis_sequence'], ['weight_sum'], [int('keepdims', 1)]),
    op('Max', ['weight_sum', 'epsilon'], ['token_count']),
    op('Gather', ['embeddings_q', 'input_ids'], ['token_q']),
    op('DequantizeLinear', ['token_q', 'embeddings_scale', 'embeddings_zero_point'], ['vectors']),
    ...meanPool('plain'),
    ...meanPool('negated'),
    op('MatMul', ['plain_mean', 'plain_head'], ['plain_logits']),
    op('MatMul', ['negated_mean', 'negated_head'], ['negated_logits']),
    op('Add', ['plain_logits', 'negated_logits'], ['head_sum']),
    op('Add', ['head_sum', 'bias'], ['logits']),
  ];
  const root = protobuf.Root.fromJSON(ONNX_SCHEMA);
  const ModelProto = root.lookupType('ModelProto');
  const message = ModelProto.fromObject({
    irVersion: IR_VERSION,
    producerName: 'crypto-dt-source model:train',
    producerVersion: '2',
    docString: input.docString,
    opsetImport: [{ domain: '', version: OPSET }],
    graph: {
      name: 'negation_aware_pooled_classifier',
      node,
      initializer,
      input: [int64Input('input_ids'), int64Input('attention_mask')],
      output: [valueInfo('logits', DataType.FLOAT, ['batch_size', model.classes])],
    },
  });
  return ModelProto.encode(message).finish();
}

/** flag per token → 1 where any flagged token lies within the kernel's window, else 0. */
function window(flags: string, kernelName: string, pads: [number, number], out: string): Node[] {
  return [
    op('Gather', [flags, 'input_ids'], [`${out}_flags`]),
    op('Unsqueeze', [`${out}_flags`, 'axis_sequence'], [`${out}_channel`]),
    op('Conv', [`${out}_channel`, kernelName], [`${out}_count`], [ints('pads', pads)]),
    op('Min', [`${out}_count`, 'one'], [`${out}_clipped`]),
    op('Squeeze', [`${out}_clipped`, 'axis_sequence'], [out]),
  ];
}

function meanPool(name: string): Node[] {
  return [
    op('Unsqueeze', [`${name}_weight`, 'axis_features'], [`${name}_weight_3d`]),
    op('Mul', ['vectors', `${name}_weight_3d`], [`${name}_weighted`]),
    op('ReduceSum', [`${name}_weighted`, 'axis_sequence'], [`${name}_sum`], [int('keepdims', 0)]),
    op('Div', [`${name}_sum`, 'token_count'], [`${name}_mean`]),
  ];
}

/** Ones over the `reach` tokens before the current one (Conv with `reach` pads in front). */
function causalKernel(reach: number): number[] {
  return [...new Array<number>(reach).fill(1), 0];
}

/** Ones over `reach` tokens either side, not the token itself. */
function aroundKernel(reach: number): number[] {
  const ones = new Array<number>(reach).fill(1);
  return [...ones, 0, ...ones];
}

function kernel(name: string, values: number[]): Tensor {
  return tensor(name, [1, 1, values.length], DataType.FLOAT, Float32Array.from(values));
}

function scalar(name: string, value: number): Tensor {
  return tensor(name, [], DataType.FLOAT, new Float32Array([value]));
}

function matrix(name: string, model: PooledWeights, values: Float32Array): Tensor {
  return tensor(name, [model.dimensions, model.classes], DataType.FLOAT, values);
}

function tensor(name: string, dims: number[], dataType: number, values: ArrayBufferView): Tensor {
  return {
    name,
    dims,
    dataType,
    rawData: new Uint8Array(values.buffer, values.byteOffset, values.byteLength),
  };
}

function op(opType: string, input: string[], output: string[], attribute?: Attribute[]): Node {
  return { opType, input, output, attribute };
}

function int(name: string, value: number): Attribute {
  return { name, i: value, type: AttributeType.INT };
}

function ints(name: string, values: number[]): Attribute {
  return { name, ints: values, type: AttributeType.INTS };
}

function int64Input(name: string) {
  return valueInfo(name, DataType.INT64, ['batch_size', 'sequence_length']);
}

function valueInfo(name: string, elemType: number, dims: (string | number)[]) {
  const dim = dims.map((d) => (typeof d === 'string' ? { dimParam: d } : { dimValue: d }));
  return { name, type: { tensorType: { elemType, shape: { dim } } } };
}
