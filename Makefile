# Roundtable build targets. Each one calls a Python script, so the same steps work
# without make (on Windows: py dev.py dist); packaging/README.md explains them.

PYTHON ?= python3
VENV_PYTHON := .venv/bin/python
APP_ID := org.roundtable.Roundtable
LINUX := packaging/linux

.PHONY: help dist icons check-metainfo flatpak venv

help:
	@echo "make dist            the stand-alone app in dist/roundtable (PyInstaller), with its size and start-up time"
	@echo "make icons           PNG sizes, .ico and .icns rendered from resources/icons/roundtable.svg into build/icons"
	@echo "make check-metainfo  validate the .desktop file and the AppStream metainfo in $(LINUX)"
	@echo "make flatpak         build and install the Flatpak from dist/ (needs flatpak-builder and the runtime)"

# dev.py creates .venv and installs PyInstaller into it first.
dist:
	$(PYTHON) dev.py dist

venv:
	$(PYTHON) dev.py app --version

icons: venv
	QT_QPA_PLATFORM=offscreen $(VENV_PYTHON) packaging/make_icons.py build/icons

check-metainfo:
	@command -v appstreamcli >/dev/null || { echo "appstreamcli is missing: apt-get install appstream"; exit 1; }
	@command -v desktop-file-validate >/dev/null || { echo "desktop-file-validate is missing: apt-get install desktop-file-utils"; exit 1; }
	appstreamcli validate --no-net $(LINUX)/$(APP_ID).metainfo.xml
	desktop-file-validate $(LINUX)/$(APP_ID).desktop

flatpak: dist icons
	flatpak-builder --user --install --force-clean build/flatpak $(LINUX)/$(APP_ID).json
