/* secrets.c - non-dumpable, wiped, and said when exposed; see secrets.h. */
#include <stdint.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>

#include "secrets.h"

int
secrets_guard(void)
{
	return prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
}

void
secrets_notes(struct report *rep, const struct common_opts *c,
    const struct arg_origins *origins)
{
	const struct ini_origin *file;
	struct stat st;

	if (c->secret != NULL && c->secret[0] != '\0') {
		switch (arg_origin(origins, c->secret, &file)) {
		case ARG_CMDLINE:
			report_detail(rep, "security: the password of %s is on "
			    "the command line, which ps shows every local user: "
			    "put it in the --extra-opts ini file", c->secret_option);
			break;
		case ARG_INI:
			if (file->others_read)
				report_detail(rep, "security: %s holds the "
				    "password of %s and every local user can "
				    "read it: chmod o-r (0600, or 0640 with the "
				    "group of the monitoring user)", file->path,
				    c->secret_option);
			break;
		case ARG_UNKNOWN:
			break;
		}
	}
	if (c->netrc_file != NULL && stat(c->netrc_file, &st) == 0 &&
	    (st.st_mode & S_IROTH) != 0)
		report_detail(rep, "security: %s (--netrc-file) holds the login "
		    "and every local user can read it: chmod o-r (0600)",
		    c->netrc_file);
	if (c->insecure)
		report_detail(rep, "security: --insecure: the certificate of "
		    "the server is not verified, so whoever sits on the path "
		    "can pose as the server and read what is sent to it");
}

void
secrets_wipe(const struct common_opts *c)
{
	/* The string lives in argv or the ini block, both writable. */
	if (c->secret != NULL)
		explicit_bzero((char *)(uintptr_t)c->secret, strlen(c->secret));
}
