# kosodate-hub — `make help` lists the targets.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed
PORT ?= 8000

.DEFAULT_GOAL := help
.PHONY: help install browser run serve demo test test-postgres test-elasticsearch test-cluster bench bench-directory bench-hubs bench-hubs-agenda lint format messages ci clean

help: ## Show this list
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(INSTALLED): requirements/dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements/dev.txt
	touch $(INSTALLED)

install: $(INSTALLED) ## Create .venv and install the locked dependencies
	scripts/build_assets

browser: install ## Install Debian's Chromium, axe-core and Lighthouse for the browser tests (scripts/install_browser)
	scripts/install_browser

run: install demo serve ## Run the site on SQLite with two demo hubs: http://127.0.0.1:8000/ and http://tsubasa.localhost:8000/

demo: install ## Migrate, load the two demo hubs and create the local dev users (per hub, and a city user)
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo --port $(PORT)
	$(PY) manage.py create_dev_users

serve: install ## Serve the site (development server)
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

test: install browser ## Run the whole test suite, browser tests included (DATABASE_URL picks the database; SQLite file by default)
	$(PY) -m pytest $(PYTEST_ARGS)

test-postgres: install browser ## Run the suite on a throw-away local PostgreSQL (installed and started by scripts/postgres)
	eval "$$(scripts/postgres start)" && DATABASE_URL="$$DATABASE_URL" $(PY) -m pytest $(PYTEST_ARGS)

test-elasticsearch: install ## Run tests/search against a local Elasticsearch 8 node (scripts/elasticsearch; started, then stopped)
	scripts/elasticsearch start
	SEARCH_ENGINE_URL="$$(scripts/elasticsearch url)" SEARCH_ENGINE_KIND=elasticsearch TEST_SQLITE_NAME=var/test-es.sqlite3 \
		$(PY) -m pytest tests/search $(PYTEST_ARGS); status=$$?; scripts/elasticsearch stop; exit $$status

CLUSTER_ENV := OPENSEARCH_PORT=$${OPENSEARCH_PORT:-9250} OPENSEARCH_HOME=$${OPENSEARCH_HOME:-var/opensearch-cluster}
test-cluster: install ## Zero-loss fault tests on a 3-node OpenSearch cluster (started on 9250.., then stopped; figures in var/cluster-figures.md)
	$(CLUSTER_ENV) scripts/opensearch start --nodes 3
	export $(CLUSTER_ENV) && SEARCH_ENGINE_URL="$$(scripts/opensearch url)" TEST_SQLITE_NAME=$${TEST_SQLITE_NAME:-var/test-cluster.sqlite3} \
		$(PY) -m pytest -m cluster -s tests/cluster $(PYTEST_ARGS); status=$$?; $(CLUSTER_ENV) scripts/opensearch stop; exit $$status

bench-directory: install ## Directory search at 1k/10k/100k listings on SQLite, PostgreSQL and OpenSearch, and the page's CPU (long)
	scripts/opensearch start
	SEARCH_ENGINE_URL="$$(scripts/opensearch url)" $(PY) bench/directory_search.py --sizes 1000,10000,100000
	eval "$$(scripts/postgres start)" && SEARCH_ENGINE_URL="$$(scripts/opensearch url)" DATABASE_URL="$$DATABASE_URL" \
		$(PY) bench/directory_search.py --sizes 1000,10000,100000
	$(PY) bench/page_cpu.py --keep

bench-hubs: install ## Directory search across 18 hubs × 500 listings (every hub vs one hub) on PostgreSQL and OpenSearch
	scripts/opensearch start
	eval "$$(scripts/postgres start)" && SEARCH_ENGINE_URL="$$(scripts/opensearch url)" DATABASE_URL="$$DATABASE_URL" \
		$(PY) bench/hubs.py

bench-hubs-agenda: install ## The agenda of 18 hubs × 50 programs against one hub's, on PostgreSQL (bench/hubs_agenda.py; rolled back)
	eval "$$(scripts/postgres start)" && DATABASE_URL="$$DATABASE_URL" $(PY) manage.py migrate --noinput \
		&& DATABASE_URL="$$DATABASE_URL" $(PY) bench/hubs_agenda.py

bench: browser ## Page weight and Lighthouse scores per public page (bench/)
	$(PY) bench/page_weight.py
	$(PY) bench/lighthouse.py

lint: install ## ruff, migrations up to date, production deploy checks
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run
	SECRET_KEY=lint-only-$$(date +%s)-not-a-real-secret-key-0123456789abcdef ALLOWED_HOSTS=hub.example.org \
		DJANGO_SETTINGS_MODULE=cms.settings.production $(PY) manage.py check --deploy --fail-level WARNING

format: install ## Fix what ruff can fix
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

messages: install ## Update the Japanese translations; compile every language's (docs/languages.md)
	$(PY) manage.py makemessages -l ja -i ".venv/*" -i "var/*" -i "node_modules/*"
	$(PY) manage.py compilemessages -l ja -l ja_Easy -l zh_Hans -l ko -l vi -i .venv

ci: ## What CI runs (.ci/run)
	bash .ci/run

clean: ## Remove the virtualenv and local data (var/)
	rm -rf $(VENV) var
