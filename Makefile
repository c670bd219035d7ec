# ocr36: `make demo` converts the bundled samples, `make test` runs the checks and tests.
# Both first run `make setup`, which is idempotent: Debian packages, .venv, the package.

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
OUT ?= out
# Debian packages: Tesseract, the language packs the chosen profiles name (PROFILES, through
# what they extend: `make setup PROFILES="default ep cn jp"` adds Chinese and Japanese), fonts
# for rendering synthetic pages in the tests, and python3-venv for the virtualenv.
PROFILES ?= default ep
LANG_PACKAGES = $(shell $(PYTHON) ocr36/languages/packs.py profiles $(PROFILES))
# a CJK font to render test pages in Chinese, Japanese or Korean, when a profile reads them;
# a Thai one for Thai; Liberation 2 for Vietnamese, whose letters with two marks Liberation 1
# has not (Arabic, Cyrillic and Latin pages are set in DejaVu and Liberation)
CJK_FONT = $(if $(filter %chi-sim %chi-tra %jpn %kor,$(LANG_PACKAGES)),fonts-wqy-zenhei)
THAI_FONT = $(if $(filter %-tha,$(LANG_PACKAGES)),fonts-tlwg-norasi-ttf)
VIETNAMESE_FONT = $(if $(filter %-vie,$(LANG_PACKAGES)),fonts-liberation2)
DEBIAN_PACKAGES = tesseract-ocr tesseract-ocr-osd fonts-dejavu-core fonts-liberation \
                  $(LANG_PACKAGES) $(CJK_FONT) $(THAI_FONT) $(VIETNAMESE_FONT)
# Headless Chromium and its WebDriver, for the tests of the review pages.
DEBIAN_PACKAGES += chromium chromium-driver
# To build tesserocr against Debian's Tesseract (the same engine the tesseract program runs).
DEBIAN_PACKAGES += libtesseract-dev libleptonica-dev pkg-config g++

.PHONY: setup demo test lint bench bench-structure bench-accuracy clean debian-packages

setup: debian-packages $(VENV)/.installed

debian-packages:
	@missing=""; for pkg in $(DEBIAN_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$pkg 2>/dev/null | grep -q "ok installed" || missing="$$missing $$pkg"; \
	done; \
	if ! $(PYTHON) -c 'import ensurepip, venv' 2>/dev/null; then missing="$$missing python3-venv"; fi; \
	if [ -z "$$missing" ]; then echo "Debian packages: all present"; \
	elif [ "$$(id -u)" = "0" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	else \
	  echo "Missing Debian packages. Run:"; echo "  sudo apt-get install -y$$missing"; exit 3; \
	fi

$(VENV)/.installed: setup.cfg setup.py pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q --no-binary tesserocr 'tesserocr>=2.7'
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $@

# The scanned sample is the same publication as the clean one: it gets a folder of its own.
demo: setup
	$(BIN)/ocr36 demo --out $(OUT)
	$(BIN)/ocr36 validate $$(dirname $(OUT)/*/DOC00001.xml $(OUT)/scanned/*/DOC00001.xml)
	@echo; echo "Packages written (open DOC00001.xml, manifest.json and the TIFFs in each):"
	@dirname $(OUT)/*/DOC00001.xml $(OUT)/scanned/*/DOC00001.xml | sed 's/^/  /'
	@echo; echo "Review of each page beside each package (NAME.review/index.html); one page"
	@echo "through every stage: $(OUT)/walkthrough/index.html"

lint: setup
	$(BIN)/ruff check .
	$(BIN)/mypy

# The tests read pages in Chinese, Japanese, Arabic, Russian, Korean, Thai ... too: their packs
# are installed for them.
SCRIPT_PROFILES = lang/ar lang/fa lang/ru lang/ko lang/th lang/vi lang/es lang/pt
test: PROFILES = default ep cn jp $(SCRIPT_PROFILES)
test: lint
	OMP_THREAD_LIMIT=1 $(BIN)/pytest -q -n auto

# Pages in every script, beside bare tesseract -l LANG: Chinese and Japanese rendered from the
# corpus, the others from the Universal Declaration of Human Rights (ocr36_synth/texts/udhr).
.PHONY: bench-scripts
bench-scripts: PROFILES = default ep cn jp $(SCRIPT_PROFILES)
bench-scripts: setup
	OMP_THREAD_LIMIT=1 $(BIN)/python -m bench.scripts

bench-structure: setup
	$(BIN)/python -m bench.structure

# Pages/s of ocr36 batch (both engines) beside the tesseract program and OCRmyPDF (bench extra);
# BENCH_ARGS=--quick for a short try.
.PHONY: bench-speed
bench-speed: bench-setup
	$(BIN)/python -m bench.throughput $(BENCH_ARGS)

clean:
	rm -rf $(OUT) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache

# How fast a review page opens in headless Chromium, 8 to 200 pages.
.PHONY: bench-review
bench-review: setup
	$(BIN)/python -m bench.review

# Accuracy on simulated scans against bare Tesseract and OCRmyPDF (needs ../shared/corpus).
bench-accuracy: bench-setup
	OMP_THREAD_LIMIT=1 $(BIN)/python -m bench.accuracy

# What only the benchmarks need: unpaper and Ghostscript (for OCRmyPDF), OCRmyPDF into .venv.
.PHONY: bench-setup
bench-setup: setup
	@missing=""; for pkg in unpaper ghostscript; do \
	  dpkg-query -W -f='$${Status}' $$pkg 2>/dev/null | grep -q "ok installed" || missing="$$missing $$pkg"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = "0" ]; then apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  else echo "Run: sudo apt-get install -y$$missing"; exit 3; fi; \
	fi
	$(BIN)/python -m pip install -q -e '.[test,bench]'
