package dev.photo.cli.completion;

/** The shells {@code photo completion} writes a script for. */
public enum Shell {
    bash, zsh, fish
}
