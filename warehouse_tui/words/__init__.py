"""UI words in English and Chinese, one module per part of the app; ``warehouse_tui.i18n``
joins them into ``TEXTS``."""
