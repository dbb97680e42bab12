/**
 * The gRPC reference's data, read from contracts/proto/**.proto with protobufjs (comments kept):
 * per file its package, header comment, services with their rpcs, messages with their fields and
 * enums with their values, in declaration order.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import protobuf from 'protobufjs';

export const PROTO_DIR = 'contracts/proto';

export interface ProtoField {
  name: string;
  number: number;
  /** As written in the file: `string`, `ReservationItem`, `google.protobuf.Duration`. */
  type: string;
  /** Full name of a message or enum defined in these contracts (for a link), else undefined. */
  localType?: string;
  label: 'repeated' | 'optional' | 'map' | '';
  /** Map key type, for `label: 'map'`. */
  keyType?: string;
  oneof?: string;
  comment: string;
}

export interface ProtoMessage {
  fullName: string;
  name: string;
  comment: string;
  fields: ProtoField[];
}

export interface ProtoEnum {
  fullName: string;
  name: string;
  comment: string;
  values: { name: string; number: number; comment: string }[];
}

export interface ProtoRpc {
  name: string;
  requestType: string;
  responseType: string;
  requestStream: boolean;
  responseStream: boolean;
  comment: string;
  /** `idempotency_level` option: IDEMPOTENT, NO_SIDE_EFFECTS, or undefined. */
  idempotency?: string;
}

export interface ProtoService {
  fullName: string;
  name: string;
  comment: string;
  rpcs: ProtoRpc[];
}

export interface ProtoFile {
  /** Path under contracts/proto, e.g. bazaar/inventory/v1/inventory.proto. */
  path: string;
  package: string;
  /** The comment block at the top of the file, before `syntax`. */
  header: string;
  services: ProtoService[];
  messages: ProtoMessage[];
  enums: ProtoEnum[];
}

function listProtoFiles(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? listProtoFiles(path.join(dir, entry.name), `${prefix}${entry.name}/`)
      : entry.name.endsWith('.proto')
        ? [`${prefix}${entry.name}`]
        : [],
  );
}

/** The leading `//` comment block of a file (its description), without the slashes. */
export function fileHeader(source: string): string {
  const lines: string[] = [];
  for (const line of source.split('\n')) {
    const m = /^\s*\/\/ ?(.*)$/.exec(line);
    if (!m) break;
    lines.push(m[1]!);
  }
  return lines.join('\n').trim();
}

const fullName = (o: protobuf.ReflectionObject) => o.fullName.replace(/^\./, '');

function fieldOf(field: protobuf.Field, localNames: Set<string>): ProtoField {
  field.resolve();
  const resolved = field.resolvedType ? fullName(field.resolvedType) : undefined;
  const map = field instanceof protobuf.MapField;
  return {
    name: field.name,
    number: field.id,
    type: field.type,
    localType: resolved && localNames.has(resolved) ? resolved : undefined,
    label: map
      ? 'map'
      : field.repeated
        ? 'repeated'
        : field.options?.proto3_optional
          ? 'optional'
          : '',
    keyType: map ? (field as protobuf.MapField).keyType : undefined,
    oneof: field.partOf && !field.partOf.name.startsWith('_') ? field.partOf.name : undefined,
    comment: field.comment ?? '',
  };
}

function collect(ns: protobuf.NamespaceBase, file: ProtoFile, localNames: Set<string>): void {
  for (const nested of ns.nestedArray) {
    if (nested instanceof protobuf.Service) {
      file.services.push({
        fullName: fullName(nested),
        name: nested.name,
        comment: nested.comment ?? '',
        rpcs: nested.methodsArray.map((m) => {
          m.resolve();
          return {
            name: m.name,
            requestType: m.resolvedRequestType ? fullName(m.resolvedRequestType) : m.requestType,
            responseType: m.resolvedResponseType
              ? fullName(m.resolvedResponseType)
              : m.responseType,
            requestStream: m.requestStream === true,
            responseStream: m.responseStream === true,
            comment: m.comment ?? '',
            idempotency: m.options?.idempotency_level as string | undefined,
          };
        }),
      });
    } else if (nested instanceof protobuf.Type) {
      file.messages.push({
        fullName: fullName(nested),
        name: fullName(nested).slice(file.package.length + 1),
        comment: nested.comment ?? '',
        fields: nested.fieldsArray.map((f) => fieldOf(f, localNames)),
      });
      collect(nested, file, localNames);
    } else if (nested instanceof protobuf.Enum) {
      file.enums.push({
        fullName: fullName(nested),
        name: fullName(nested).slice(file.package.length + 1),
        comment: nested.comment ?? '',
        values: Object.entries(nested.values).map(([name, number]) => ({
          name,
          number,
          comment: nested.comments[name] ?? '',
        })),
      });
    } else if (nested instanceof protobuf.Namespace) {
      collect(nested, file, localNames);
    }
  }
}

/** Every .proto file under contracts/proto, parsed with its comments. */
export async function loadProtoFiles(repoRoot: string): Promise<ProtoFile[]> {
  const dir = path.join(repoRoot, PROTO_DIR);
  const files = listProtoFiles(dir).sort();
  if (files.length === 0) throw new Error(`no .proto files under ${dir}`);
  const result: ProtoFile[] = [];
  for (const rel of files) {
    const absolute = path.join(dir, rel);
    const root = new protobuf.Root();
    // keepCase: show field names as written (order_id), not camelCased.
    await root.load(absolute, { keepCase: true, alternateCommentMode: true });
    root.resolveAll();
    const source = readFileSync(absolute, 'utf8');
    const pkg = /^\s*package\s+([\w.]+)\s*;/m.exec(source)?.[1];
    if (!pkg) throw new Error(`${PROTO_DIR}/${rel} declares no package`);
    const ns = root.lookup(pkg);
    if (!(ns instanceof protobuf.Namespace))
      throw new Error(`${PROTO_DIR}/${rel}: package ${pkg} not found`);
    const localNames = new Set<string>();
    const gather = (n: protobuf.NamespaceBase) =>
      n.nestedArray.forEach((c) => {
        if (c instanceof protobuf.Type || c instanceof protobuf.Enum) localNames.add(fullName(c));
        if (c instanceof protobuf.Namespace || c instanceof protobuf.Type) gather(c);
      });
    gather(ns);
    const file: ProtoFile = {
      path: rel,
      package: pkg,
      header: fileHeader(source),
      services: [],
      messages: [],
      enums: [],
    };
    collect(ns, file, localNames);
    result.push(file);
  }
  return result;
}
