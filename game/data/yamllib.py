"""PyYAML, imported by every module of the data room that reads YAML, from here: so its
first import, wherever it happens (a start on a new scenario, `anbar validate`, the
balance lab), finds its reader's pattern already compiled the cheaper way
(`game.data.source.prepare_yaml_import`)."""

from game.data.source import prepare_yaml_import

prepare_yaml_import()
import yaml  # noqa: E402  (after the pattern is in place)
from yaml.resolver import Resolver  # noqa: E402

__all__ = ["Resolver", "yaml"]
