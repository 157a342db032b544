"""`mkdocs-spec lsp`: the engine in the editor, over the Language Server Protocol (pygls).

`sites` finds and reloads a page's site, `analysis` judges a buffer as `check` judges a file,
`diagnostics`, `actions` and `navigation` turn the verdict into LSP answers, `server` wires them
to pygls. Only `server` imports pygls; the CLI imports it lazily, so the plugin never needs it.
"""
