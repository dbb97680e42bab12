/**
 * Applies decK patch objects (`deck file patch` patch files, go-apiops patch/deckpatch.go) to the
 * generated declarative config: every JSONPath in `selectors` picks nodes; on objects `values`
 * sets keys wholesale (no deep merge) and `remove` deletes keys; on arrays an array `values` is
 * appended. Unlike decK, a patch whose selectors match nothing is an error, so a stale overlay
 * cannot silently stop applying.
 */
import { JSONPath } from 'jsonpath-plus';
import { isRecord, type KongRecord } from './kong-entities';

export interface DeckPatch {
  selectors: string[];
  values?: KongRecord | unknown[];
  remove?: string[];
}

/** Checks the shape of one entry of an overlay's `patches` list; `where` names it in errors. */
export function parseDeckPatch(raw: unknown, where: string): DeckPatch {
  if (!isRecord(raw)) throw new Error(`${where}: a patch must be an object`);
  for (const key of Object.keys(raw)) {
    if (!['selectors', 'values', 'remove', 'format'].includes(key))
      throw new Error(`${where}.${key}: unknown patch field (expected selectors, values, remove)`);
  }
  if (raw.format !== undefined && raw.format !== 'deck')
    throw new Error(`${where}.format: only the "deck" patch format is supported`);
  const selectors = raw.selectors ?? ['$'];
  if (!Array.isArray(selectors) || selectors.some((s) => typeof s !== 'string'))
    throw new Error(`${where}.selectors is not a string-array`);
  const values = raw.values;
  if (values !== undefined && !isRecord(values) && !Array.isArray(values))
    throw new Error(`${where}.values is neither an object nor an array`);
  const remove = raw.remove ?? [];
  if (!Array.isArray(remove) || remove.some((s) => typeof s !== 'string'))
    throw new Error(`${where}.remove is not a string-array`);
  for (const key of remove as string[]) {
    if (isRecord(values) && key in values)
      throw new Error(`${where} is trying to change and remove '${key}' at the same time`);
  }
  if (values === undefined && remove.length === 0)
    throw new Error(`${where}: a patch needs values or remove`);
  return { selectors: selectors as string[], values, remove: remove as string[] };
}

/** Applies the patch in place; returns how many nodes it changed. */
export function applyDeckPatch(document: KongRecord, patch: DeckPatch, where: string): number {
  let changed = 0;
  for (const selector of patch.selectors) {
    let nodes: unknown[];
    try {
      nodes = JSONPath({ path: selector, json: document, wrap: true }) as unknown[];
    } catch (error) {
      throw new Error(
        `${where}: selector '${selector}' is not a valid JSONPath expression: ${(error as Error).message}`,
      );
    }
    for (const node of nodes) {
      if (Array.isArray(patch.values)) {
        if (!Array.isArray(node)) continue;
        node.push(...structuredClone(patch.values));
        changed++;
      } else if (isRecord(node)) {
        for (const [key, value] of Object.entries(patch.values ?? {}))
          node[key] = structuredClone(value);
        for (const key of patch.remove ?? []) delete node[key];
        changed++;
      }
    }
  }
  if (changed === 0)
    throw new Error(
      `${where}: selectors ${JSON.stringify(patch.selectors)} matched nothing to patch`,
    );
  return changed;
}
