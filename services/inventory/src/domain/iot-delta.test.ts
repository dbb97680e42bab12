import { InvalidFieldError } from './domain-errors';
import { parseIotDelta, skuFromTopic } from './iot-delta';

const PREFIX = 'iot/inventory';
const TOPIC = 'iot/inventory/MUG-BLUE-01/delta';

function fieldOf(payload: string, topic = TOPIC): string {
  try {
    parseIotDelta(topic, PREFIX, payload);
  } catch (error) {
    if (error instanceof InvalidFieldError) return error.field;
    throw error;
  }
  throw new Error('expected an InvalidFieldError');
}

describe('IoT delta message', () => {
  it('reads the SKU from the topic and the delta and reason from the payload', () => {
    expect(parseIotDelta(TOPIC, PREFIX, '{"delta": -2, "reason": "SENSOR"}')).toEqual({
      sku: 'MUG-BLUE-01',
      delta: -2,
      reason: 'SENSOR',
    });
  });

  it('reads the SKU under a longer prefix', () => {
    expect(skuFromTopic('test/abc/iot/inventory/TEA-1/delta', 'test/abc/iot/inventory')).toBe(
      'TEA-1',
    );
  });

  it('refuses a topic outside the prefix or without /delta', () => {
    expect(fieldOf('{"delta":1,"reason":"SENSOR"}', 'other/MUG-BLUE-01/delta')).toBe('topic');
    expect(fieldOf('{"delta":1,"reason":"SENSOR"}', 'iot/inventory/MUG-BLUE-01/level')).toBe(
      'topic',
    );
  });

  it('refuses a topic level that is not a SKU', () => {
    expect(fieldOf('{"delta":1,"reason":"SENSOR"}', 'iot/inventory/mug blue/delta')).toBe(
      'topic.sku',
    );
  });

  it('refuses a payload that is not a JSON object', () => {
    expect(fieldOf('delta=-2')).toBe('payload');
    expect(fieldOf('[1]')).toBe('payload');
  });

  it('refuses a delta that is missing, fractional, zero or out of range', () => {
    expect(fieldOf('{"reason":"SENSOR"}')).toBe('payload.delta');
    expect(fieldOf('{"delta":1.5,"reason":"SENSOR"}')).toBe('payload.delta');
    expect(fieldOf('{"delta":0,"reason":"SENSOR"}')).toBe('payload.delta');
    expect(fieldOf('{"delta":100001,"reason":"SENSOR"}')).toBe('payload.delta');
  });

  it('refuses a reason the contract does not list', () => {
    expect(fieldOf('{"delta":-1,"reason":"THEFT"}')).toBe('payload.reason');
  });

  it('refuses fields the contract does not allow', () => {
    expect(fieldOf('{"delta":-1,"reason":"SENSOR","note":"x"}')).toBe('payload.note');
  });
});
