/*
 * fuzz_args.c - values a user types that the plugins parse beyond ranges
 * and times: URLs (http_url_check, http_url_display, as every option error
 * and the -vv options line show a value holding an @) and --source
 * networks (netaddr_parse_net).
 *
 * A URL is shown without anything an @ ends: whatever the text, the shown
 * form holds no @ (an accepted URL's only @ ends user:password@, which is
 * not shown; any other @ is refused and the rest not shown), at every
 * buffer size, terminated.  A refusal says why, in the rule's own words.
 * A network accepted has a prefix its family allows and holds its own
 * address; a refusal says why.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "fuzz_text.h"
#include "http.h"
#include "netaddr.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check_url(const char *text)
{
	static const size_t sizes[] = { 1, 2, 8, 33, 256, 4200 };
	char shown[4200];
	const char *why = NULL;
	size_t i;

	/* the reason is the rule's own text, never a piece of the URL */
	if (http_url_check(text, &why) != 0 && (why == NULL || *why == '\0' ||
	    (why >= text && why <= text + strlen(text))))
		abort();
	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		memset(shown, 'x', sizeof(shown));
		http_url_display(shown, sizes[i], text);
		if (memchr(shown, '\0', sizes[i]) == NULL)
			abort();
		if (strchr(shown, '@') != NULL)
			abort();
	}
}

static void
check_net(const char *text)
{
	struct netaddr net;
	const char *why = NULL;

	if (netaddr_parse_net(text, &net, &why) != 0) {
		if (why == NULL || *why == '\0')
			abort();
		return;
	}
	if ((net.family == AF_INET && net.prefix > 32) ||
	    (net.family == AF_INET6 && net.prefix > 128) ||
	    (net.family != AF_INET && net.family != AF_INET6))
		abort();
	if (!netaddr_match(&net, &net))
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text;

	if ((text = fuzz_text(data, size, 4096)) == NULL)
		return 0;
	check_url(text);
	check_net(text);
	free(text);
	return 0;
}
