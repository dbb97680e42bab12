/** Process entry of the identity service (services/identity/src/main.ts): wiring only. */
import { loadConfigFromProcessEnv } from '@bazaar/platform/config/index';
import { runServiceMain } from '@bazaar/platform/service/index';
import { identityConfig } from './config';
import { identityService } from './service';

void runServiceMain(identityService(loadConfigFromProcessEnv(identityConfig)));
