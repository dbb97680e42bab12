/** Process entry of the orders service: load ORDERS_* configuration, run until SIGTERM/SIGINT. */
import { loadConfigFromProcessEnv } from '@bazaar/platform/config/index';
import { runServiceMain } from '@bazaar/platform/service/index';
import { ordersConfig } from './config';
import { ordersService } from './service';

void runServiceMain(ordersService(loadConfigFromProcessEnv(ordersConfig)));
