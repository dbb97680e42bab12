# Operators' targets for the Kong gateway and the docker compose stack; included by the Makefile.
# kong/README.md explains each. Kong's Admin API: KONG_ADMIN_URL (or DECK_KONG_ADDR), default
# http://localhost:8001. The identity public key: DECK_IDENTITY_JWT_PUBLIC_KEY, default the key
# pair `make keys` wrote.

KONG_ADMIN_URL ?= http://localhost:8001
KONG_RENDERED := .tmp/kong/kong.rendered.yml
COMPOSE := docker compose -f docker-compose.yml

.PHONY: kong-check kong-validate kong-render kong-diff kong-sync kong-reload \
	compose-config compose-up compose-down

kong-check: deps ## kong.yml against the contracts: drift, one route per operation, jwt, preflights, deck validate
	$(BIN)/tsx tools/contracts/kong-consistency.ts

kong-validate: ## decK's offline validation of kong/kong.yml (deck file validate, or deck validate -s on decK 1.x)
	@kong/deck.sh validate

kong-render: deps ## kong/kong.yml with its DECK_* templates filled in, for DB-less Kong: .tmp/kong/kong.rendered.yml
	@mkdir -p $(dir $(KONG_RENDERED))
	@if [ -z "$$DECK_IDENTITY_JWT_PUBLIC_KEY" ] && [ ! -f .dev-keys/identity-signing.pub.pem ]; then \
		echo "kong-render: set DECK_IDENTITY_JWT_PUBLIC_KEY or run make keys"; exit 2; fi
	@DECK_IDENTITY_JWT_PUBLIC_KEY="$${DECK_IDENTITY_JWT_PUBLIC_KEY:-$$(cat .dev-keys/identity-signing.pub.pem)}" \
		$(BIN)/tsx gateway/generator/render-kong-config.ts --in kong/kong.yml --out $(KONG_RENDERED)
	@echo "kong-render: wrote $(KONG_RENDERED)"

kong-diff: deps ## what deck would change on the Kong at KONG_ADMIN_URL (deck gateway diff / deck diff)
	@KONG_ADMIN_URL=$(KONG_ADMIN_URL) kong/deck.sh diff

kong-sync: deps ## make the database-backed Kong at KONG_ADMIN_URL match kong.yml (deck gateway sync / deck sync)
	@KONG_ADMIN_URL=$(KONG_ADMIN_URL) kong/deck.sh sync

# DB-less Kong (docker compose) has no entity API for decK to sync; it takes a whole new config.
kong-reload: kong-render ## load the rendered kong.yml into a DB-less Kong at KONG_ADMIN_URL (POST /config)
	@curl -fsS -o /dev/null -X POST $(KONG_ADMIN_URL)/config -F config=@$(KONG_RENDERED) \
		&& echo "kong-reload: $(KONG_ADMIN_URL) now runs $(KONG_RENDERED)"

compose-config: keys ## check docker-compose.yml with docker compose (needs the compose v2 plugin, no engine)
	@docker compose version >/dev/null 2>&1 || { echo "compose-config: needs the docker compose v2 plugin"; exit 2; }
	@$(COMPOSE) config -q && echo "compose-config: docker-compose.yml is valid"

# Recreating every container re-renders kong.yml and re-joins them all to Kong's network
# namespace (a restarted kong container would leave the others on a dead one).
compose-up: keys kong ## real Kong (DB-less), PostgreSQL, RabbitMQ, Redis, Mosquitto and every service in Docker
	$(COMPOSE) up -d --force-recreate
	@echo "compose-up: gateway http://localhost:8000, Kong admin http://127.0.0.1:8001, metrics http://127.0.0.1:8100/metrics, RabbitMQ UI http://127.0.0.1:15672"

compose-down: ## stop and remove the compose stack (data volumes stay; add -v by hand to drop them)
	$(COMPOSE) down
