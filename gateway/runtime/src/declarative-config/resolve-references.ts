/**
 * Second pass: resolves `service:`/`route:`/`consumer:` references (by name, username or id),
 * enforces Kong's uniqueness rules, and produces the flat model (kong-gateway.md A1.2, A1.6-A1.7).
 */
import type {
  Acl,
  Consumer,
  JwtSecret,
  KeyAuthCredential,
  PluginInstance,
  Route,
  Service,
} from './model';
import type { ValidationIssue } from './schema/field-schema';
import type { Parent, Rec, WalkResult, Walked } from './walk-entities';

type Collection = 'services' | 'routes' | 'consumers';

function uniqueness(collection: string, key: string, value: string): string {
  return `uniqueness violation: '${collection}' entity with ${key} set to '${value}' already declared`;
}

/** Strips the undefined/null optional fields so the model only carries what was configured. */
function defined<T extends Rec>(rec: T): T {
  return Object.fromEntries(
    Object.entries(rec).filter(([, v]) => v !== undefined && v !== null),
  ) as T;
}

export class ReferenceResolver {
  private readonly byKey: Record<Collection, Map<string, Rec>> = {
    services: new Map(),
    routes: new Map(),
    consumers: new Map(),
  };
  private readonly byId: Record<Collection, Map<string, Rec>> = {
    services: new Map(),
    routes: new Map(),
    consumers: new Map(),
  };

  constructor(
    private readonly walked: WalkResult,
    private readonly issues: ValidationIssue[],
  ) {
    this.index('services', 'name');
    this.index('routes', 'name');
    this.index('consumers', 'username');
    this.checkUnique(walked.consumers, 'consumers', 'custom_id');
    this.checkUnique(walked.jwt_secrets, 'jwt_secrets', 'key');
    this.checkUnique(walked.keyauth_credentials, 'keyauth_credentials', 'key');
    this.checkUnique(walked.acls, 'acls', 'id', 'primary key');
    this.checkUnique(walked.plugins, 'plugins', 'id', 'primary key');
  }

  private index(collection: Collection, keyField: string): void {
    for (const { rec, location } of this.walked[collection]) {
      const id = rec.id as string;
      if (this.byId[collection].has(id)) {
        this.issues.push({ path: location, message: uniqueness(collection, 'primary key', id) });
      }
      this.byId[collection].set(id, rec);
      const key = rec[keyField];
      if (typeof key === 'string') {
        if (this.byKey[collection].has(key))
          this.issues.push({ path: location, message: uniqueness(collection, keyField, key) });
        this.byKey[collection].set(key, rec);
      }
    }
  }

  private checkUnique(items: Walked[], collection: string, field: string, label = field): void {
    const seen = new Set<string>();
    for (const { rec, location } of items) {
      const value = rec[field];
      if (typeof value !== 'string') continue;
      if (seen.has(value))
        this.issues.push({ path: location, message: uniqueness(collection, label, value) });
      seen.add(value);
    }
  }

  /** The referenced entity's id, from the nesting parent or a `name|id` reference. */
  private ref(item: Walked, fk: string, collection: Collection): string | undefined {
    if (item.parent && item.parent.collection === collection) return item.parent.id;
    const value = item.rec[fk];
    if (typeof value !== 'string') return undefined;
    const found = this.byKey[collection].get(value) ?? this.byId[collection].get(value);
    if (!found) {
      this.issues.push({
        path: item.location,
        message: `invalid reference '${fk}: ${value}' (no such entry in '${collection}')`,
      });
      return undefined;
    }
    return found.id as string;
  }

  private consumerRef(item: Walked): string {
    const id = this.ref(item, 'consumer', 'consumers');
    if (
      id === undefined &&
      !(item.parent as Parent | undefined) &&
      item.rec.consumer === undefined
    ) {
      this.issues.push({ path: `${item.location}.consumer`, message: 'required field missing' });
    }
    return id ?? '';
  }

  services(): Service[] {
    return this.walked.services.map(({ rec }) => defined(rec) as unknown as Service);
  }

  routes(): Route[] {
    return this.walked.routes.map((item) => {
      const { service: _service, ...rest } = item.rec;
      return defined({
        ...rest,
        serviceId: this.ref(item, 'service', 'services'),
      }) as unknown as Route;
    });
  }

  consumers(): Consumer[] {
    return this.walked.consumers.map(({ rec }) => defined(rec) as unknown as Consumer);
  }

  jwtSecrets(): JwtSecret[] {
    return this.walked.jwt_secrets.map((item) => {
      const { consumer: _c, ...rest } = item.rec;
      return defined({ ...rest, consumerId: this.consumerRef(item) }) as unknown as JwtSecret;
    });
  }

  keyauthCredentials(): KeyAuthCredential[] {
    return this.walked.keyauth_credentials.map((item) => {
      const { consumer: _c, ...rest } = item.rec;
      return defined({
        ...rest,
        consumerId: this.consumerRef(item),
      }) as unknown as KeyAuthCredential;
    });
  }

  acls(): Acl[] {
    const seen = new Set<string>();
    return this.walked.acls.map((item) => {
      const { consumer: _c, ...rest } = item.rec;
      const acl = defined({ ...rest, consumerId: this.consumerRef(item) }) as unknown as Acl;
      const key = `${acl.consumerId}:${acl.group}`;
      if (seen.has(key))
        this.issues.push({ path: item.location, message: uniqueness('acls', 'group', acl.group) });
      seen.add(key);
      return acl;
    });
  }

  /** Plugins with resolved scope, still with the raw `config` (validated by the plugin schema next). */
  plugins(): PluginInstance[] {
    const scopes = new Map<string, string>();
    return this.walked.plugins.map((item) => {
      const plugin: PluginInstance = {
        id: item.rec.id as string,
        name: item.rec.name as string,
        config: (item.rec.config ?? {}) as Record<string, unknown>,
        enabled: item.rec.enabled as boolean,
        protocols: item.rec.protocols as string[],
        location: item.location,
      };
      if (typeof item.rec.instance_name === 'string') plugin.instance_name = item.rec.instance_name;
      const routeId = this.ref(item, 'route', 'routes');
      const serviceId = this.ref(item, 'service', 'services');
      const consumerId = this.ref(item, 'consumer', 'consumers');
      if (routeId) plugin.routeId = routeId;
      if (serviceId) plugin.serviceId = serviceId;
      if (consumerId) plugin.consumerId = consumerId;
      // Kong keys plugins by (name, route, service, consumer): one instance per combination.
      const scope = [plugin.name, routeId ?? '', serviceId ?? '', consumerId ?? ''].join(':');
      const first = scopes.get(scope);
      if (first !== undefined) {
        this.issues.push({
          path: item.location,
          message: `uniqueness violation: 'plugins' entity with name set to '${plugin.name}' already declared for the same route, service and consumer (first at ${first})`,
        });
      }
      scopes.set(scope, item.location);
      return plugin;
    });
  }
}
