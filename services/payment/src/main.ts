/** Process entry of the payment service: load PAYMENT_* configuration, run until SIGTERM/SIGINT. */
import { loadConfigFromProcessEnv } from '@bazaar/platform/config/index';
import { runServiceMain } from '@bazaar/platform/service/index';
import { paymentConfig } from './config';
import { paymentService } from './service';

void runServiceMain(paymentService(loadConfigFromProcessEnv(paymentConfig)));
