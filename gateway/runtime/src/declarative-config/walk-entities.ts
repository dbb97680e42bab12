/**
 * First pass over a declarative config: validates every entity against its schema, unfolds
 * nesting (`services[].routes[].plugins[]`, `consumers[].jwt_secrets[]`, …) into flat lists that
 * remember their parent, and assigns ids (kong-gateway.md A1.2). References between top-level
 * entities are resolved afterwards (resolve-references.ts).
 */
import { randomBytes } from 'node:crypto';
import {
  aclSchema,
  consumerSchema,
  jwtSecretSchema,
  keyauthCredentialSchema,
} from './entities/consumer.schema';
import { pluginEntitySchema } from './entities/plugin-entity.schema';
import { routeSchema } from './entities/route.schema';
import { serviceSchema } from './entities/service.schema';
import { idFromCacheKey, idFromEndpointKey, idFromLocation } from './entity-ids';
import { type RecordField, type ValidationIssue, validateRecord } from './schema/field-schema';

export type Rec = Record<string, unknown>;

/** A parent an entity was nested under: its collection and id. */
export interface Parent {
  collection: 'services' | 'routes' | 'consumers';
  id: string;
}

export interface Walked {
  location: string;
  rec: Rec;
  parent?: Parent;
}

export interface WalkResult {
  services: Walked[];
  routes: Walked[];
  consumers: Walked[];
  plugins: Walked[];
  jwt_secrets: Walked[];
  keyauth_credentials: Walked[];
  acls: Walked[];
}

/** Children allowed under each parent collection, and the foreign key the nesting fills. */
const CHILDREN: Record<string, Record<string, string>> = {
  services: { routes: 'service', plugins: 'service' },
  routes: { plugins: 'route' },
  consumers: {
    plugins: 'consumer',
    jwt_secrets: 'consumer',
    keyauth_credentials: 'consumer',
    acls: 'consumer',
  },
};

const SCHEMAS: Record<keyof WalkResult, RecordField> = {
  services: serviceSchema,
  routes: routeSchema,
  consumers: consumerSchema,
  plugins: pluginEntitySchema,
  jwt_secrets: jwtSecretSchema,
  keyauth_credentials: keyauthCredentialSchema,
  acls: aclSchema,
};

const FOREIGN_KEYS: Partial<Record<keyof WalkResult, string[]>> = {
  routes: ['service'],
  plugins: ['route', 'service', 'consumer'],
  jwt_secrets: ['consumer'],
  keyauth_credentials: ['consumer'],
  acls: ['consumer'],
};

/** `routes[catalog_getproduct]`: the name-like key when it is unique among siblings, else the index. */
function labelFor(items: unknown[], index: number, collection: string): string {
  const keyField =
    collection === 'consumers' ? 'username' : collection === 'acls' ? 'group' : 'name';
  const item = items[index];
  const key = item && typeof item === 'object' ? (item as Rec)[keyField] : undefined;
  if (typeof key !== 'string') return String(index);
  const same = items.filter(
    (other) => other && typeof other === 'object' && (other as Rec)[keyField] === key,
  );
  return same.length === 1 ? key : String(index);
}

export class EntityWalker {
  readonly result: WalkResult = {
    services: [],
    routes: [],
    consumers: [],
    plugins: [],
    jwt_secrets: [],
    keyauth_credentials: [],
    acls: [],
  };

  constructor(private readonly issues: ValidationIssue[]) {}

  walk(collection: keyof WalkResult, items: unknown, path: string, parent?: Parent): void {
    if (items === undefined || items === null) return;
    if (!Array.isArray(items)) {
      this.issues.push({ path, message: 'expected an array' });
      return;
    }
    items.forEach((item, i) =>
      this.walkOne(collection, item, `${path}[${labelFor(items, i, collection)}]`, parent),
    );
  }

  private walkOne(
    collection: keyof WalkResult,
    item: unknown,
    location: string,
    parent?: Parent,
  ): void {
    const children = CHILDREN[collection] ?? {};
    const extra = new Set([...Object.keys(children), '_comment', '_ignore']);
    const before = this.issues.length;
    const rec = validateRecord(SCHEMAS[collection], item, location, this.issues, extra) as Rec;
    if (this.issues.length > before || typeof rec !== 'object' || rec === null) return;
    if (parent) {
      // A nested entity gets its parent filled in and may carry no foreign key of its own.
      for (const fk of FOREIGN_KEYS[collection] ?? []) {
        if (rec[fk] !== undefined && rec[fk] !== null)
          this.issues.push({ path: `${location}.${fk}`, message: 'value must be null' });
      }
    }
    this.fillGenerated(collection, rec);
    rec.id ??= this.generateId(collection, rec, location, parent);
    this.result[collection].push({ location, rec, parent });
    for (const [childCollection] of Object.entries(children)) {
      const raw = (item as Rec)[childCollection];
      this.walk(childCollection as keyof WalkResult, raw, `${location}.${childCollection}`, {
        collection: collection as Parent['collection'],
        id: rec.id as string,
      });
    }
  }

  /** Kong auto-generates missing credential keys and secrets (fields with `auto = true`). */
  private fillGenerated(collection: keyof WalkResult, rec: Rec): void {
    if (collection === 'jwt_secrets' || collection === 'keyauth_credentials') {
      rec.key ??= randomBytes(16).toString('hex');
    }
    if (collection === 'jwt_secrets') rec.secret ??= randomBytes(16).toString('hex');
  }

  private generateId(
    collection: keyof WalkResult,
    rec: Rec,
    location: string,
    parent?: Parent,
  ): string {
    const keyOf = (fk: string): string => {
      if (
        parent &&
        FOREIGN_KEYS[collection]?.includes(fk) &&
        CHILDREN[parent.collection]?.[collection] === fk
      ) {
        return parent.id;
      }
      return typeof rec[fk] === 'string' ? (rec[fk] as string) : '';
    };
    switch (collection) {
      case 'services':
      case 'routes':
        return typeof rec.name === 'string'
          ? idFromEndpointKey(collection, rec.name)
          : idFromLocation(collection, location);
      case 'consumers':
        return typeof rec.username === 'string'
          ? idFromEndpointKey(collection, rec.username)
          : idFromLocation(collection, location);
      case 'plugins':
        return idFromCacheKey('plugins', [
          String(rec.name),
          keyOf('route'),
          keyOf('service'),
          keyOf('consumer'),
        ]);
      case 'acls':
        return idFromCacheKey('acls', [keyOf('consumer'), String(rec.group)]);
      case 'jwt_secrets':
      case 'keyauth_credentials':
        return idFromCacheKey(collection, [String(rec.key)]);
    }
  }
}
