/**
 * contracts/proto → generated/grpc/: message and service types (proto-loader-gen-types), an
 * embedded JSON descriptor per package, and per service a promise client with deadlines
 * (`create<Service>Client`) and a typed registration (`add<Service>`).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import protobuf from 'protobufjs';
import { type GeneratedFiles, headerFor, REPO_ROOT } from './lib/generated-files';
import { addTemplate } from './generate-http';

const GENERATOR = 'generate-grpc.ts';
const PROTO_ROOT = 'contracts/proto';

function listProtoFiles(root: string, dir = ''): string[] {
  let names: string[];
  try {
    names = readdirSync(path.join(root, PROTO_ROOT, dir));
  } catch {
    return []; // no proto contracts in this tree
  }
  return names.flatMap((name) => {
    const relative = dir ? `${dir}/${name}` : name;
    if (statSync(path.join(root, PROTO_ROOT, relative)).isDirectory())
      return listProtoFiles(root, relative);
    return name.endsWith('.proto') ? [relative] : [];
  });
}

/** Runs proto-loader-gen-types with the options LOADER_OPTIONS uses at run time. */
function generateTypes(root: string, protoFiles: string[]): Map<string, string> {
  const out = mkdtempSync(path.join(os.tmpdir(), 'bazaar-grpc-types-'));
  try {
    execFileSync(
      process.execPath,
      [
        path.join(REPO_ROOT, 'node_modules/@grpc/proto-loader/build/bin/proto-loader-gen-types.js'),
        '--longs=Number',
        '--enums=String',
        '--defaults',
        '--oneofs',
        '--includeComments',
        '--grpcLib=@grpc/grpc-js',
        '-I',
        PROTO_ROOT,
        '-O',
        out,
        ...protoFiles,
      ],
      { cwd: root, stdio: 'pipe' },
    );
    const files = new Map<string, string>();
    const collect = (dir: string): void => {
      for (const name of readdirSync(path.join(out, dir))) {
        const relative = dir ? `${dir}/${name}` : name;
        if (statSync(path.join(out, relative)).isDirectory()) collect(relative);
        else files.set(relative, readFileSync(path.join(out, relative), 'utf8'));
      }
    };
    collect('');
    return files;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

function loadRoot(root: string, protoFiles: string[]): protobuf.Root {
  const protoRoot = new protobuf.Root();
  protoRoot.resolvePath = (_origin, target) =>
    path.isAbsolute(target) || protobuf.common.get(target)
      ? target
      : path.join(root, PROTO_ROOT, target);
  // camelCase field names, as LOADER_OPTIONS (keepCase: false) expects them at run time.
  protoRoot.loadSync(
    protoFiles.map((f) => path.join(root, PROTO_ROOT, f)),
    { keepCase: false },
  );
  protoRoot.resolveAll();
  return protoRoot;
}

function services(namespace: protobuf.NamespaceBase): protobuf.Service[] {
  return namespace.nestedArray.flatMap((nested) =>
    nested instanceof protobuf.Service
      ? [nested]
      : nested instanceof protobuf.Namespace
        ? services(nested)
        : [],
  );
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/** `.bazaar.inventory.v1.ReserveStockRequest` → its gen-types module and type names. */
function messageImport(
  fullName: string,
  fromDir: string,
): { module: string; input: string; output: string } {
  const parts = fullName.replace(/^\./, '').split('.');
  const name = parts.at(-1)!;
  const module = path.posix.relative(fromDir, `grpc/types/${parts.join('/')}`);
  return {
    module: module.startsWith('.') ? module : `./${module}`,
    input: name,
    output: `${name}__Output`,
  };
}

function clientAndServerModule(
  service: protobuf.Service,
  dir: string,
  descriptorName: string,
): string {
  const fullName = service.fullName.replace(/^\./, '');
  const methods = service.methodsArray;
  const imports = new Map<string, Set<string>>();
  const use = (fullType: string, kind: 'input' | 'output') => {
    const ref = messageImport(fullType, dir);
    const names = imports.get(ref.module) ?? new Set<string>();
    const name = ref[kind];
    names.add(name);
    imports.set(ref.module, names);
    return name;
  };
  for (const m of methods) {
    if (m.requestStream || m.responseStream)
      throw new Error(`${fullName}.${m.name}: streaming rpcs are not supported by the generator`);
  }
  const clientMethods = methods
    .map((m) => {
      const req = use(m.resolvedRequestType!.fullName, 'input');
      const res = use(m.resolvedResponseType!.fullName, 'output');
      return `  ${m.comment ? `/** ${m.comment.split('\n')[0]} */\n  ` : ''}${lowerFirst(m.name)}(request: ${req}, options?: CallOptions): Promise<${res}>;`;
    })
    .join('\n');
  const handlerMethods = methods
    .map((m) => {
      const req = use(m.resolvedRequestType!.fullName, 'output');
      const res = use(m.resolvedResponseType!.fullName, 'input');
      return `  ${lowerFirst(m.name)}(request: ${req}, call: grpc.ServerUnaryCall<${req}, ${res}>): Promise<${res}>;`;
    })
    .join('\n');
  const importLines = [...imports.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([module, names]) => `import type { ${[...names].sort().join(', ')} } from '${module}';`)
    .join('\n');
  const name = service.name;
  return `/**
 * ${fullName}: a promise client with deadlines (\`create${name}Client\`) and a typed server
 * registration (\`add${name}\`), from ${PROTO_ROOT}. Handlers throw GrpcError for a specific status.
 */
import * as grpc from '@grpc/grpc-js';
import {
  type CallOptions,
  type ClientConnectionOptions,
  type ServerOptions,
  callUnary,
  loadService,
  unaryHandler,
} from '${path.posix.relative(dir, 'grpc/runtime/grpc-runtime')}';
import { ${descriptorName} } from './descriptor';
${importLines}

export const ${lowerFirst(name)}Name = '${fullName}';

export interface ${name}Calls {
${clientMethods}
}

export type ${name}Client = ${name}Calls & { readonly raw: grpc.Client; close(): void };

/** Connects to ${fullName} at \`address\` (host:port). */
export function create${name}Client(address: string, connection: ClientConnectionOptions = {}): ${name}Client {
  const Service = loadService(${descriptorName}, ${lowerFirst(name)}Name);
  const raw = new Service(address, connection.credentials ?? grpc.credentials.createInsecure(), connection.channelOptions);
  return {
    raw,
    close: () => raw.close(),
${methods.map((m) => `    ${lowerFirst(m.name)}: (request, options = {}) => callUnary(raw, ${JSON.stringify(m.name)}, request, options, connection),`).join('\n')}
  };
}

export interface ${name}Handlers {
${handlerMethods}
}

/** Registers \`handlers\` as ${fullName} on \`server\`. */
export function add${name}(server: grpc.Server, handlers: ${name}Handlers, options: ServerOptions = {}): void {
  const Service = loadService(${descriptorName}, ${lowerFirst(name)}Name);
  server.addService(Service.service, {
${methods.map((m) => `    ${m.name}: unaryHandler(${JSON.stringify(m.name)}, (request: unknown, call: unknown) => handlers.${lowerFirst(m.name)}(request as never, call as never), options),`).join('\n')}
  });
}
`;
}

export async function generateGrpc(files: GeneratedFiles, root: string): Promise<void> {
  const protoFiles = listProtoFiles(root).sort();
  if (protoFiles.length === 0) return;
  await addTemplate(files, 'grpc-runtime.ts', 'grpc/runtime/grpc-runtime.ts');
  for (const [relative, content] of generateTypes(root, protoFiles)) {
    const original = /Original file: (\S+)/.exec(content)?.[1] ?? protoFiles.join(', ');
    await files.addTs(
      `grpc/types/${relative}`,
      headerFor(GENERATOR, original),
      content.replace(/^\/\/ Original file:.*\n\n?/m, ''),
    );
  }
  for (const protoFile of protoFiles) {
    const protoRoot = loadRoot(root, [protoFile]);
    const header = headerFor(GENERATOR, `${PROTO_ROOT}/${protoFile}`);
    for (const service of services(protoRoot)) {
      const pkg = service.parent!.fullName.replace(/^\./, '');
      const dir = `grpc/${pkg.split('.').slice(1).join('/')}`;
      const descriptorName = `${lowerFirst(
        pkg
          .split('.')
          .slice(1)
          .map((p) => p.charAt(0).toUpperCase() + p.slice(1))
          .join(''),
      )}Descriptor`;
      await files.addTs(
        `${dir}/descriptor.ts`,
        header,
        `/** ${PROTO_ROOT}/${protoFile} as a protobufjs JSON descriptor, so nothing reads .proto files at run time. */\nexport const ${descriptorName} = ${JSON.stringify(protoRoot.toJSON({ keepComments: false }))};\n`,
      );
      await files.addTs(
        `${dir}/${lowerFirst(service.name).replace(/Service$/, '')}.ts`,
        header,
        clientAndServerModule(service, dir, descriptorName),
      );
    }
  }
}
