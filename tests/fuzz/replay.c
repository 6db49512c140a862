/*
 * replay.c - run a libFuzzer target without libFuzzer: feed it every file
 * named on the command line (directories are walked one level), print TAP.
 * A crash or a sanitizer report fails the run, so every seed and every
 * past crash kept in the corpus is a regression test.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int
replay_file(const char *path, int *count)
{
	FILE *fp;
	unsigned char *buf;
	long size;

	if ((fp = fopen(path, "rb")) == NULL)
		return -1;
	if (fseek(fp, 0, SEEK_END) != 0 || (size = ftell(fp)) < 0 ||
	    fseek(fp, 0, SEEK_SET) != 0) {
		fclose(fp);
		return -1;
	}
	/* Exact-size copy so ASan sees reads past the input's end. */
	buf = malloc(size > 0 ? (size_t)size : 1);
	if (buf == NULL || fread(buf, 1, (size_t)size, fp) != (size_t)size) {
		free(buf);
		fclose(fp);
		return -1;
	}
	fclose(fp);
	LLVMFuzzerTestOneInput(buf, (size_t)size);
	free(buf);
	(*count)++;
	printf("ok %d - %s\n", *count, path);
	return 0;
}

int
main(int argc, char **argv)
{
	int count = 0, i;

	for (i = 1; i < argc; i++) {
		struct stat st;
		DIR *dir;
		struct dirent *de;
		char path[4096];

		if (stat(argv[i], &st) != 0)
			continue;
		if (!S_ISDIR(st.st_mode)) {
			if (replay_file(argv[i], &count) != 0)
				printf("not ok - cannot read %s\n", argv[i]);
			continue;
		}
		if ((dir = opendir(argv[i])) == NULL)
			continue;
		while ((de = readdir(dir)) != NULL) {
			if (de->d_name[0] == '.')
				continue;
			snprintf(path, sizeof(path), "%s/%s", argv[i], de->d_name);
			if (replay_file(path, &count) != 0)
				printf("not ok - cannot read %s\n", path);
		}
		closedir(dir);
	}
	/* An empty input is always a valid test of a parser. */
	LLVMFuzzerTestOneInput((const uint8_t *)"", 0);
	printf("ok %d - empty input\n1..%d\n", count + 1, count + 1);
	return 0;
}
