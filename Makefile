# Bazaar: the only interface people type. `make help` lists every target.
# Two commands set up a fresh machine: `make dev` (run the platform) and `make test` (run the tests).
SHELL := /bin/bash
.DEFAULT_GOAL := help
export PACT_DO_NOT_TRACK := true
NPM_STAMP := node_modules/.package-lock.json
# Local binaries directly: npx costs about a second per call.
BIN := node_modules/.bin

.PHONY: help setup deps infra generate check-generated contracts-check kong docs keys lint typecheck \
	test test-unit test-integration test-contract test-e2e test-service dev bench migrate clean

help: ## list targets with one line each
	@grep -hE '^[a-z0-9-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-18s %s\n", $$1, $$2}'

# npm install (not npm ci: stack-notes.md) with the committed lockfile, only when it changed.
$(NPM_STAMP): package.json package-lock.json
	npm install --no-audit --no-fund
	@touch $(NPM_STAMP)

deps: $(NPM_STAMP) ## install npm dependencies if missing or out of date

infra: ## check PostgreSQL, RabbitMQ, Redis, Mosquitto; install/start what is missing or down
	@tools/infra/ensure-servers.sh

setup: deps infra keys ## everything a fresh machine needs before dev or test

generate: deps ## contracts -> generated/ (types, clients, server bindings, gRPC, events, SDK)
	$(BIN)/tsx tools/codegen/generate-all.ts

check-generated: deps ## fail if `make generate` would change anything that is committed
	$(BIN)/tsx tools/codegen/generate-all.ts --check

contracts-check: deps ## lint every contract and block breaking changes against the baselines
	$(BIN)/tsx tools/contracts/check-contracts.ts

kong: deps ## kong/kong.yml from the OpenAPI contracts + kong/overlays (decK format 3.0)
	@test -f gateway/generator/generate-kong.ts || { echo "make kong: the kong.yml generator is not built yet (gateway issue)"; exit 2; }
	$(BIN)/tsx gateway/generator/generate-kong.ts

docs: deps ## the docs portal (API reference, event catalogue, gRPC reference, getting started)
	@test -f gateway/docs-portal/build-docs.ts || { echo "make docs: the docs portal is not built yet (gateway issue)"; exit 2; }
	$(BIN)/tsx gateway/docs-portal/build-docs.ts

keys: deps ## development RS256 key pair for identity's tokens, into .dev-keys/ (gitignored)
	@$(BIN)/tsx tools/dev-keys/make-dev-keys.ts

lint: deps ## eslint + prettier --check (no focused tests, pure domain)
	$(BIN)/eslint . && $(BIN)/prettier --check .

typecheck: deps ## tsc over every workspace, tests included
	$(BIN)/tsc -p tsconfig.json --noEmit

test: deps infra ## everything CI runs; last line: "N passed, M failed"
	$(BIN)/tsx tools/test/run-all.ts

test-unit: deps ## unit tests (no servers)
	$(BIN)/jest --selectProjects unit

test-integration: deps infra ## integration tests against real PostgreSQL/RabbitMQ/Redis/Mosquitto
	$(BIN)/jest --selectProjects integration

test-contract: deps infra ## Pact: consumers write pacts, then providers verify them
	$(BIN)/tsx tools/test/run-all.ts --only contract

test-e2e: deps infra ## end-to-end through the gateway
	$(BIN)/jest --selectProjects e2e

test-service: deps infra ## one service, all tiers: make test-service s=orders
	@if [ -z "$(s)" ]; then echo "usage: make test-service s=<service>"; exit 2; fi
	$(BIN)/jest services/$(s)

bench: deps infra ## benchmarks; each prints ratios against a baseline measured in the same run
	$(BIN)/tsx tools/bench/run-all.ts

dev: setup generate ## run the platform: infra, generate, migrate, services + gateway, print URLs
	$(BIN)/tsx tools/dev/run-dev.ts

clean: ## remove build output and local scratch (keeps node_modules and keys)
	rm -rf generated/sdk/dist gateway/docs-portal/dist .tmp coverage pacts

# Operators' targets for a real Kong (decK validate/diff/sync, rendered DB-less config, compose).
include kong/kong.mk
