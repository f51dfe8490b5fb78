import sys

try:
    from .cli import main
except KeyboardInterrupt:  # Ctrl-C while the libraries load: one line, nothing was written yet
    print("Đã dừng theo yêu cầu (Ctrl-C): chưa ghi gì, kết quả cũ vẫn giữ nguyên.", file=sys.stderr)
    sys.exit(130)

sys.exit(main())
