"""Statements: publishable position pieces with sections, footnoted references and dated
updates, and the lists of them.
"""
