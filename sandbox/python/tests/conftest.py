"""The plugin is tested as merchants use it: `pytester` runs small suites
that request its fixtures, in a pytest that loaded it by its entry point."""

pytest_plugins = ["pytester"]
