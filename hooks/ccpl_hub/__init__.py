"""The CCPL Knowledge Hub content engine.

Content files flow one way through these modules, each with one job:
``loader`` (bytes -> YAML mapping with line numbers) -> ``schemas`` (one pydantic model per content
type) -> ``validation`` (every problem in one run, cross-references) -> ``catalogue`` (indexes) ->
``pages``, ``exports``, ``feeds`` (generated Markdown and data). The engine never imports MkDocs:
``hooks/hub.py`` adapts it to MkDocs, and ``scripts/`` and the tests use it directly.
"""
