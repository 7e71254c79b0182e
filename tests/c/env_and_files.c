/* A static wasi-libc program that shows what WASI gave it: for each argument "env:NAME" it
 * prints NAME=value (or "NAME unset"), for each "file:PATH" the file's first line (or
 * "PATH: cannot open"). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
    for (int i = 1; i < argc; i++) {
        if (strncmp(argv[i], "env:", 4) == 0) {
            const char *value = getenv(argv[i] + 4);
            if (value) {
                printf("%s=%s\n", argv[i] + 4, value);
            } else {
                printf("%s unset\n", argv[i] + 4);
            }
        } else if (strncmp(argv[i], "file:", 5) == 0) {
            char line[256] = "";
            FILE *file = fopen(argv[i] + 5, "r");
            if (file == NULL) {
                printf("%s: cannot open\n", argv[i] + 5);
                continue;
            }
            if (fgets(line, sizeof line, file) == NULL) {
                line[0] = '\0';
            }
            fclose(file);
            printf("%s: %s", argv[i] + 5, line);
        }
    }
    return 0;
}
