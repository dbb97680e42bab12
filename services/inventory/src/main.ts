/** Starts the inventory service from INVENTORY_* environment variables (wiring only). */
import { loadConfigFromProcessEnv } from '@bazaar/platform/config/index';
import { runServiceMain } from '@bazaar/platform/service/index';
import { inventoryConfig } from './config';
import { inventoryService } from './service';

void runServiceMain(inventoryService(loadConfigFromProcessEnv(inventoryConfig)));
