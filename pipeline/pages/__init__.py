"""What a lesson folder shows around its clips: captions, transcripts, the embed snippets and gallery, the
explorable, classroom mode (with their scripts and stylesheets), and the static server that serves them."""
