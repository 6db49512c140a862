12:00:01.101 |6549,,,CsExMbxLocator,13,AutoDiscoverURLS not found in cache
12:00:01.102 |6549,,,CsExMbxLocator,13,[CsExMbxLocator/CsExMbxLocator.cpp:331]: Run DNS query for: _ldap._tcp.dc._msdcs.corp.example.com
12:00:01.103 |6549,,,CsExMbxLocator,13,[CsExMbxLocator/CCsDNSResolver.cpp:168]: querying dns for _ldap._tcp.dc._msdcs.corp.example.com question type 33
12:00:01.180 |6549,,,CsExMbxLocator,13,[CsExMbxLocator/CCsDNSResolver.cpp:186] Length of returned DNS response is -1
12:00:01.180 |6549,,,CsExMbxLocator,10,[CsExMbxLocator/CCsDNSResolver.cpp:190] failed to get dns results for _ldap._tcp.dc._msdcs.corp.example.com question type 33
12:00:01.181 |6549,,,CsExMbxLocator,11,[CsExMbxLocator/CsExMbxLocator.cpp:359]: DNS query for: _ldap._tcp.dc._msdcs.corp.example.com didn't return results
12:00:01.181 |6549,,,CsExMbxLocator,11,Failed to find DC required for 2003 support
12:00:02.310 |6549,,,CsExMbxLocator,10,LDAP initialize non-SSL Return Code (0)
12:00:02.350 |6549,,,CsExMbxLocator,10,LDAP authentication bind failed: INVALID_CREDENTIALS
12:00:02.350 |6549,,,CsExMbxLocator,10,CCsLDAPHelper::Init():exit AUTH_NOT_INITIALIZED
12:00:03.500 |6549,autodiscover.corp.example.com,,CsExMbxLocator,10,[CsExMbxLocator/CsExMbxLocator.cpp:1173]: HTTP request failed with error: Couldn't connect to server -- couldn't connect to host, HTTP status code: 503, for Autodiscovery URL: http://autodiscover.corp.example.com/autodiscover/autodiscover.xml, verb: GET, query:
12:00:03.510 |6549,,,CsExMbxLocator,13,[CsExMbxLocator/CCsDNSResolver.cpp:168]: querying dns for _autodiscover._tcp.corp.example.com question type 33
12:00:03.590 |6549,,,CsExMbxLocator,13,[CsExMbxLocator/CCsDNSResolver.cpp:186] Length of returned DNS response is -1
12:00:03.590 |6549,,,CsExMbxLocator,10,[CsExMbxLocator/CCsDNSResolver.cpp:190] failed to get dns results for _autodiscover._tcp.corp.example.com question type 33
12:00:03.591 |6549,,,CsExMbxLocator,11,[CsExMbxLocator/CsExMbxLocator.cpp:636]: DNS query for: _autodiscover._tcp.corp.example.com didn't return results
12:00:04.000 |6549,,,CsMbxSync,11,[CsMbxSync/CsMbxSyncChecker.cpp:201]: checker thread: 0 subscriptions older than 15 minutes
