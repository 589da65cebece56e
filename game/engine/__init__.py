"""The rules of Euphrates Road: pure Python, standard library only, no I/O."""
