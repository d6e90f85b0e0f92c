# The entry points: `make` alone lists them (make help).
.DEFAULT_GOAL := help
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

ZIP_NAME := aleppo-2024-offline.zip
ZIP      ?= false
# The site's address, when it is published (make site SITE_URL=https://...): an http(s) URL.
export SITE_URL

.PHONY: help serve build offline pdf paper site check test bench audit system clean

# One line, before anything is built, for a paper size python -m pdf does not know.
paper:
	@case "$(PAPER)" in a4|letter) ;; *) echo "PAPER must be a4 or letter (got '$(PAPER)')" >&2; exit 2;; esac

$(PY):
	python3 -m venv $(VENV)

$(STAMP): requirements.txt | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

## help: list these entry points (what `make` alone does)
help:
	@sed -n -e 's/^## \([a-z]*\): /  make \1\t/p' -e 's/^##   /\t/p' $(MAKEFILE_LIST) | expand -t 16

## serve: preview the site on http://127.0.0.1:8000 (installs what it needs)
serve: $(STAMP)
	$(PY) -m mkdocs serve --dev-addr 127.0.0.1:8000

## build: strict build of the site into site/ (pages only: no PDF or zip is linked)
build: $(STAMP)
	PDF_PAPER= OFFLINE_ZIP=false $(PY) -m mkdocs build --strict --clean

## pdf: the site with the book and one PDF per chapter in site/pdf/ (PAPER=letter for US Letter),
##   and each lesson plan's class files (worksheet, slides, quiz, answer key) in site/class/
PAPER ?= a4
pdf: $(STAMP) paper
	$(PY) -m classroom --paper $(PAPER)
	PDF_PAPER=$(PAPER) OFFLINE_ZIP=$(ZIP) $(PY) -m mkdocs build --strict --clean
	$(PY) -m pdf --site site --paper $(PAPER)

## offline: the edition that opens from disk, in build/offline/, zipped beside it
offline: $(STAMP)
	rm -rf build/offline.partial build/$(ZIP_NAME).partial
	PDF_PAPER=$(PDF_PAPER) OFFLINE=true $(PY) -m mkdocs build --strict --clean --site-dir build/offline.partial
	$(if $(PDF_PAPER),$(PY) scripts/package.py pdfs site build/offline.partial $(PDF_PAPER))
	rm -rf build/offline && mv build/offline.partial build/offline
	$(PY) scripts/package.py zip build/offline build/$(ZIP_NAME).partial
	mv build/$(ZIP_NAME).partial build/$(ZIP_NAME)

## site: the deploy build into site/: pages, PDFs, the offline edition (zip) with its PDFs;
##   SITE_URL=https://... is the address it will be published at
site:
	$(MAKE) pdf ZIP=true
	$(MAKE) offline PDF_PAPER=$(PAPER)
	mkdir -p site/download && cp build/$(ZIP_NAME) site/download/

## bench: build times, PDF time, site size, page weights, map sizes (prints figures)
bench: system $(STAMP)
	$(PY) scripts/bench.py

## audit: Lighthouse scores for the home page, two chapters and an Arabic one, mobile and desktop (RUNS=3 each)
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

## check: the quick check while writing: data, macros and one strict build (no browser, no PDF)
check: $(STAMP)
	$(PY) -m pytest -q -m "not build and not tools"
	PDF_PAPER= OFFLINE_ZIP=false $(PY) -m mkdocs build --strict --clean --site-dir build/check

## test: install everything the tests need, then run the whole suite
test: system $(STAMP) $(NODE)
	$(PY) -m pytest

## clean: remove site/ and build/
clean:
	rm -rf site build
