# The only entry points: make serve, make build, make offline, make test.
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1

NODE   := node_modules/.installed
# Dates in generated files (sitemap) come from this, so that two builds are byte-identical.
export SOURCE_DATE_EPOCH := $(shell git log -1 --format=%ct 2>/dev/null || echo 0)

# Debian packages the tests need: the browser they drive, fonts for Latin and Arabic script.
APT_PACKAGES := chromium fonts-dejavu-core fonts-noto-core poppler-utils openjdk-17-jre-headless

.PHONY: serve build offline pdf site test bench audit system clean

$(PY):
	python3 -m venv $(VENV)

$(STAMP): requirements.txt | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

## serve: preview the site on http://127.0.0.1:8000 (installs what it needs)
serve: $(STAMP)
	$(PY) -m mkdocs serve --dev-addr 127.0.0.1:8000

## build: strict build of the site into site/
build: $(STAMP)
	$(PY) -m mkdocs build --strict --clean

## pdf: the book and one PDF per chapter, from the built site, into site/pdf/ (PAPER=letter for US Letter)
PAPER ?= a4
pdf: build
	$(PY) -m pdf --site site --paper $(PAPER)

## offline: the edition that opens from disk, in build/offline/ (with site/pdf/ when it exists),
## zipped as build/aleppo-2024-offline.zip
offline: $(STAMP)
	OFFLINE=true $(PY) -m mkdocs build --strict --clean --site-dir build/offline
	if [ -d site/pdf ]; then cp -r site/pdf build/offline/pdf; fi
	cd build && rm -f aleppo-2024-offline.zip && $(abspath $(PY)) -m zipfile -c aleppo-2024-offline.zip offline/

## site: the deploy build: the site, its PDFs and the offline edition, downloadable from the site
site: pdf
	$(MAKE) offline
	mkdir -p site/download && cp build/aleppo-2024-offline.zip site/download/

## bench: build times, PDF time, site size, page weights, map sizes (prints figures)
bench: system $(STAMP)
	$(PY) scripts/bench.py

## audit: Lighthouse scores for the home page and two chapters, mobile and desktop (RUNS=3 each)
RUNS ?= 3
audit: system $(STAMP) $(NODE) build
	RUNS=$(RUNS) $(PY) scripts/audit.py

## system: install the Debian packages the tests need (skipped when they are all there)
system:
	@missing=$$(for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "installing:" $$missing; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

# axe-core, the Nu HTML checker and Lighthouse, at the versions in package-lock.json
$(NODE): package-lock.json
	npm ci --no-audit --no-fund
	touch $@

## test: install everything the tests need, then run the whole suite
test: system $(STAMP) $(NODE)
	$(PY) -m pytest

clean:
	rm -rf site build
