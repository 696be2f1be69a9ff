"""Publishing: sandboxed Jinja2 templates over plain view objects, rendered into
statements, letters, notices, handouts and minutes.
"""
