import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileHeader, loadProtoFiles, type ProtoFile } from './grpc.model';

const PROTO = `// The demo contract.
// Second line.
syntax = "proto3";

package demo.v1;

import "google/protobuf/timestamp.proto";

// Greeter greets.
service Greeter {
  // Hello says hello.
  rpc Hello(HelloRequest) returns (stream HelloReply) {
    option idempotency_level = NO_SIDE_EFFECTS;
  }
}

// HelloRequest asks.
message HelloRequest {
  // Who to greet.
  string name = 1;
  // Extra labels.
  map<string, int32> labels = 2;
  // When, if given.
  google.protobuf.Timestamp at = 3;
  // How.
  repeated Mood moods = 4;
}

// HelloReply answers.
message HelloReply {
  // The greeting.
  string text = 1;
}

// Mood of the greeting.
enum Mood {
  // Not set.
  MOOD_UNSPECIFIED = 0;
  // Cheerful.
  MOOD_HAPPY = 1;
}
`;

let dir: string;
let file: ProtoFile;
beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'bazaar-proto-'));
  mkdirSync(path.join(dir, 'contracts/proto/demo/v1'), { recursive: true });
  writeFileSync(path.join(dir, 'contracts/proto/demo/v1/demo.proto'), PROTO);
  [file] = (await loadProtoFiles(dir)) as [ProtoFile];
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the gRPC reference read from .proto files', () => {
  it('reads the package, the file comment and each rpc with its comment and options', () => {
    expect(file.path).toBe('demo/v1/demo.proto');
    expect(file.package).toBe('demo.v1');
    expect(file.header).toBe('The demo contract.\nSecond line.');
    expect(file.services).toEqual([
      {
        fullName: 'demo.v1.Greeter',
        name: 'Greeter',
        comment: 'Greeter greets.',
        rpcs: [
          {
            name: 'Hello',
            requestType: 'demo.v1.HelloRequest',
            responseType: 'demo.v1.HelloReply',
            requestStream: false,
            responseStream: true,
            comment: 'Hello says hello.',
            idempotency: 'NO_SIDE_EFFECTS',
          },
        ],
      },
    ]);
  });

  it('reads fields as written, with labels, map keys, links to local types and comments', () => {
    const request = file.messages.find((m) => m.name === 'HelloRequest')!;
    expect(
      request.fields.map((f) => [
        f.number,
        f.name,
        f.label,
        f.type,
        f.localType ?? null,
        f.comment,
      ]),
    ).toEqual([
      [1, 'name', '', 'string', null, 'Who to greet.'],
      [2, 'labels', 'map', 'int32', null, 'Extra labels.'],
      [3, 'at', '', 'google.protobuf.Timestamp', null, 'When, if given.'],
      [4, 'moods', 'repeated', 'Mood', 'demo.v1.Mood', 'How.'],
    ]);
    expect(request.fields[1]!.keyType).toBe('string');
  });

  it('reads enums with their values and comments', () => {
    expect(file.enums).toEqual([
      {
        fullName: 'demo.v1.Mood',
        name: 'Mood',
        comment: 'Mood of the greeting.',
        values: [
          { name: 'MOOD_UNSPECIFIED', number: 0, comment: 'Not set.' },
          { name: 'MOOD_HAPPY', number: 1, comment: 'Cheerful.' },
        ],
      },
    ]);
  });

  it('takes only the leading comment block as the file header', () => {
    expect(fileHeader('// one\n//two\nsyntax = "proto3";\n// later')).toBe('one\ntwo');
  });
});
