from desktop.cli import main

# guarded: the comparison worker process (multiprocessing "spawn") re-imports this module
if __name__ == "__main__":
    raise SystemExit(main())
