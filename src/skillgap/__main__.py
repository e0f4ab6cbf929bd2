from skillgap.cli.main import main

raise SystemExit(main())
