"""Strategies: the plug-in interface (:mod:`.base`) and one module per built-in strategy."""
