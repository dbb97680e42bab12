/** Process entry of the cart service: load CART_* configuration, run until SIGTERM/SIGINT. */
import { loadConfigFromProcessEnv } from '@bazaar/platform/config/index';
import { runServiceMain } from '@bazaar/platform/service/index';
import { cartConfig } from './config';
import { cartService } from './service';

void runServiceMain(cartService(loadConfigFromProcessEnv(cartConfig)));
