/**
 * The whole `make kong` pipeline as functions: every OpenAPI contract (bundled by the codegen's
 * contract loader) → one Kong service each, then kong/overlays/*.yaml, then sorted YAML text.
 * The consistency gate (tools/contracts/kong-consistency.ts) calls generateKongYaml to detect drift.
 */
import path from 'node:path';
import {
  listOpenApiServices,
  loadServiceContract,
  type ServiceContract,
} from '../../../tools/codegen/lib/openapi-model';
import { type KongDeclarativeConfig, type KongRecord } from './kong-entities';
import { toKongYaml } from './kong-yaml';
import { openapiToKong } from './openapi-to-kong';
import { applyOverlays, readOverlayFiles, type OverlayFile } from './overlays';

export const KONG_YML = 'kong/kong.yml';
export const OVERLAYS_DIR = 'kong/overlays';

/** Contracts + overlays → the declarative config object (before serialization). */
export function buildKongConfig(
  contracts: { source: string; document: object }[],
  overlays: OverlayFile[],
): KongDeclarativeConfig {
  const config: KongDeclarativeConfig = { _format_version: '3.0', services: [] };
  const routeOwners = new Map<string, string>();
  for (const { source, document } of contracts) {
    let service;
    try {
      service = openapiToKong(document as KongRecord, {
        skipInternal: true,
        preflightRoutes: true,
      });
    } catch (error) {
      throw new Error(`${source}: ${(error as Error).message}`);
    }
    if (config.services.some((s) => s.name === service.name))
      throw new Error(
        `${source}: service name '${service.name}' is already used by another contract`,
      );
    for (const route of service.routes) {
      const owner = routeOwners.get(route.name);
      if (owner)
        throw new Error(
          `${source}: route name '${route.name}' is already used in ${owner} (Kong requires unique names)`,
        );
      routeOwners.set(route.name, source);
    }
    config.services.push(service);
  }
  config.services.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  applyOverlays(config, overlays);
  config.plugins?.sort((a, b) => (a.name < b.name ? -1 : 1));
  config.consumers?.sort((a, b) => (a.username < b.username ? -1 : 1));
  return config;
}

/** Every OpenAPI contract of the repository at `root`, bundled, in file-name order. */
export function loadContracts(root: string): Promise<ServiceContract[]> {
  return Promise.all(
    listOpenApiServices(root).map((service) => loadServiceContract(root, service)),
  );
}

/** What `make kong` writes to kong/kong.yml (text) and the config it serializes. */
export async function generateKongConfig(
  root: string,
  contracts?: ServiceContract[],
): Promise<{ config: KongDeclarativeConfig; text: string }> {
  const overlays = readOverlayFiles(path.join(root, OVERLAYS_DIR), OVERLAYS_DIR);
  const config = buildKongConfig(contracts ?? (await loadContracts(root)), overlays);
  return { config, text: toKongYaml(config) };
}
