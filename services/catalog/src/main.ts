/** Entry point of the catalog service: load CATALOG_* configuration, run until SIGTERM/SIGINT. */
import { loadConfigFromProcessEnv } from '@bazaar/platform/config/index';
import { runServiceMain } from '@bazaar/platform/service/index';
import { catalogConfig } from './config';
import { catalogService } from './service';

void runServiceMain(catalogService(loadConfigFromProcessEnv(catalogConfig)));
