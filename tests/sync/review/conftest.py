from tests.sync.laptops import group

__all__ = ["group"]
