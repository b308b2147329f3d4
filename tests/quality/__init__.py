"""Quality gates: third-party checkers (Nu Html Checker, axe-core, LinkChecker, actionlint) on the built site."""
