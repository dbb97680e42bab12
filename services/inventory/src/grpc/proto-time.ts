/** Converts JavaScript dates to google.protobuf.Timestamp as the generated types carry it. */

export interface ProtoTimestamp {
  seconds: number;
  nanos: number;
}

export function toTimestamp(date: Date): ProtoTimestamp {
  const ms = date.getTime();
  const seconds = Math.floor(ms / 1_000);
  return { seconds, nanos: (ms - seconds * 1_000) * 1_000_000 };
}
