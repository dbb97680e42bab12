/**
 * Route and path base names as decK's openapi2kong builds them (kong-gateway.md A8.1): a path is
 * `<doc>_<slug(path)>` (with `~` for a trailing slash), an operation `<doc>_<slug(operationId)>`,
 * or `<path>_<slug(x-kong-name)>`, or `<path>_<method>` when it has neither.
 */
import { type KongRecord } from './kong-entities';
import { slugify } from './slug';
import { xKongName } from './x-kong-extensions';

export function pathBaseName(docName: string, apiPath: string, kongName?: string): string {
  let name: string;
  if (kongName !== undefined) name = slugify(kongName);
  else {
    // Two paths differing only by a trailing slash would otherwise get the same name.
    name = slugify(apiPath) + (apiPath.endsWith('/') ? '~' : '');
  }
  return name === '' ? docName : `${docName}_${name}`;
}

export function operationRouteName(
  docName: string,
  pathName: string,
  method: string,
  operation: KongRecord,
  where: string,
): string {
  const kongName = xKongName(operation, where);
  if (kongName !== undefined) return `${pathName}_${slugify(kongName)}`;
  const operationId = operation.operationId;
  if (typeof operationId === 'string' && operationId !== '')
    return `${docName}_${slugify(operationId)}`;
  return `${pathName}_${slugify(method)}`;
}
