"""The main window's pages and the tabs of a roundtable."""
