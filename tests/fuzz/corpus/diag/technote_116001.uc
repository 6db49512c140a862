10:15:02.101 |6549,,,CsExMbxLocator,13,AutoDiscoverURLS not found in cache
10:15:02.101 |6549,,,CsExMbxLocator,13,[CsExMbxLocator/CsExMbxLocator.cpp:331]: Run DNS query for: _ldap._tcp.dc._msdcs.corp.example.com
10:15:02.101 |6549,,,CsExMbxLocator,13,[CsExMbxLocator/CCsDNSResolver.cpp:168]: querying dns for _ldap._tcp.dc._msdcs.corp.example.com question type 33
10:15:02.101 |6549,,,CsExMbxLocator,13,[CsExMbxLocator/CCsDNSResolver.cpp:186] Length of returned DNS response is -1
10:15:02.101 |6549,,,CsExMbxLocator,10,[CsExMbxLocator/CCsDNSResolver.cpp:190] failed to get dns results for _ldap._tcp.dc._msdcs.corp.example.com question type 33
10:15:02.101 |6549,,,CsExMbxLocator,11,[CsExMbxLocator/CsExMbxLocator.cpp:359]: DNS query for: _ldap._tcp.dc._msdcs.corp.example.com didn't return results
10:15:02.101 |6549,,,CsExMbxLocator,13,[CsExMbxLocator/CsExMbxLocator.cpp:192] Test Button result: Failed to locate a Domain Controller via DNS.
10:15:02.101 |6549,,,CsExMbxLocator,13,[CsExMbxLocator/CsExMbxLocator.cpp:192] Test Button result: Failed to locate an Exchange 2003 server. Connection will not be able to Locate Exchange 2003 subscribers.
10:15:02.101 |6549,,,CsExMbxLocator,11,Failed to find DC required for 2003 support
10:15:02.101 |6549,,,CsExMbxLocator,10,LDAP initialize non-SSL Return Code (0)
10:15:02.101 |6549,,,CsExMbxLocator,10,LDAP authentication bind failed: INVALID_CREDENTIALS
10:15:02.101 |6549,,,CsExMbxLocator,10,CCsLDAPHelper::Init():exit AUTH_NOT_INITIALIZED
10:15:02.101 |6549,,,CsExMbxLocator,13,[CsExMbxLocator/CsExMbxLocator.cpp:192] Test Button result: Could not connect to Domain Controller (dc1.corp.example.com) from DNS
10:15:02.101 |6549,,,CsExMbxLocator,10,[CsExMbxLocator/CsExMbxLocator.cpp:1173]: HTTP request failed with error: Couldn't connect to server -- couldn't connect to host, HTTP status code: 503, for Autodiscovery URL: http://autodiscover.example.com/ autodiscover/autodiscover.xml, verb: GET, query:
10:15:02.101 |6549,,,CsExMbxLocator,13,[CsExMbxLocator/CsExMbxLocator.cpp:192] Test Button result: Failed connected to Exchange CAS server at (http://autodiscover.example.com/autodiscover/autodiscover.xml)
10:15:02.101 |6549,,,CsExMbxLocator,13,[CsExMbxLocator/CCsDNSResolver.cpp:168]: querying dns for_autodiscover._tcp.example.com question type 33
10:15:02.101 |6549,,,CsExMbxLocator,10,[CsExMbxLocator/CCsDNSResolver.cpp:190] failed to get dns results for_autodiscover._tcp.example.com question type 33
10:15:02.101 |6549,,,CsExMbxLocator,13,[CsExMbxLocator/CsExMbxLocator.cpp:192] Test Button result: Could not find an Exchange CAS server via Autodiscover DNS SRV record
10:15:02.101 |6549,,,CsExMbxLocator,11,[CsExMbxLocator/CsExMbxLocator.cpp:636]: DNS query for: _autodiscover._tcp.example.com didn't return results
10:15:02.101 |6549,,,CsExMbxLocator,13,[CsExMbxLocator/CsExMbxLocator.cpp:192] Test Button result: Failed to locate an Exchange CAS server. Connection will not be able to Locate Exchange 2007/2010 subscribers.
10:15:02.101 |6549,,,CsExMbxLocator,13,[CsExMbxLocator/CsExMbxLocator.cpp:192] Test Button result: Successfully connected to Domain Controller (dc1.corp.example.com) from DNS
10:15:02.101 |6549,,,CsExMbxLocator,13,[CsExMbxLocator/CsExMbxLocator.cpp:192] Test Button result: Could not connect to Exchange CAS server (https://EX2010-1.corp.example.com/Autodiscover/Autodiscover.xml) from Active Directory
10:15:02.101 |6549,,,CsExMbxLocator,13,[CsExMbxLocator/CsExMbxLocator.cpp:192] Test Button result: Could not find an Exchange CAS server via Active Directory
10:15:02.101 |6549,,,CsExMbxLocator,13,[CsExMbxLocator/CsExMbxLocator.cpp:192] Test Button result: Successfully connected to Exchange 2003 server (EX2003.corp.example.com) from Active Directory
10:15:02.101 |6549,,,CsExMbxLocator,13,[CsExMbxLocator/CsExMbxLocator.cpp:192] Test Button result: Could not connect to Exchange 2003 server (ncacn_ip_tcp: <exchangemailboxserver1.example.com>) from Active Directory
10:37:12.321 |9156,mail.example.com,{5C0E9B7A-1D1E-4F7B-9C44-0E3B1F0A1D2C},CsEws,10,[CsEws/CsEwsHttp.cpp:312]: HTTP request failed with error: Peer certificate cannot be authenticated with known CA certificates - SSL certification problem, verify that the CA cert is OK. Details: error:14090086SL routinesSL3_GET_SERVER_CERTIFICATE: certificate verify failed, HTTP status code: 0, for ews URL: https://mail.example.com/EWS/Exchange.ASMX, verb: POST
10:37:12.321 |9156,mail.example.com,{5C0E9B7A-1D1E-4F7B-9C44-0E3B1F0A1D2C},CsEws,10,Failed accessing jdoe@example.com Diagnostic=[Timeout was reached -- operation timed out after 1000 milliseconds with 0 bytes recieved]
10:37:12.321 |9156,mail.example.com,{5C0E9B7A-1D1E-4F7B-9C44-0E3B1F0A1D2C},CsEws,10,Failed accessing jdoe@example.com Diagnostic=[] Verb =[] url=[] request=[] response[]
10:37:12.321 |9156,mail.example.com,{5C0E9B7A-1D1E-4F7B-9C44-0E3B1F0A1D2C},CsEws,10,HTTP request failed with error: Bad response from server, HTTP code returned: 401, HTTP status code: 401
10:37:12.321 |9156,mail.example.com,{5C0E9B7A-1D1E-4F7B-9C44-0E3B1F0A1D2C},CsEws,10,HTTP request failed with error: Couldn't connect to server -- couldn't connect to host, HTTP status code: 503
10:37:12.321 |9156,mail.example.com,{5C0E9B7A-1D1E-4F7B-9C44-0E3B1F0A1D2C},CsEws,10,[CsEws/CsEwsHttp.cpp:312]: HTTP request failed with error: Couldn't connect to server -- couldn't connect to host, HTTP status code: 503, for ews URL: https://mail.example.com/EWS/Exchange.ASMX, verb: POST
10:37:12.321 |9156,mail.example.com,{5C0E9B7A-1D1E-4F7B-9C44-0E3B1F0A1D2C},CsEws,10,[CsEws/CsEwsHttp.cpp:312]: HTTP request failed with error: Bad response from server, HTTP code returned: 401, HTTP status code: 401, for ews URL: https://mail.example.com/EWS/Exchange.ASMX, verb: POST
10:15:02.101 |6549,,,CsExMbxLocator,10,[CsExMbxLocator/CsExMbxLocator.cpp:1173]: HTTP request failed with error: Bad response from server, HTTP code returned: 404, HTTP status code: 404, for Autodiscovery URL: https://example.com/autodiscover/autodiscover.xml, verb: GET, query:
10:37:12.321 |9156,mail.example.com,{5C0E9B7A-1D1E-4F7B-9C44-0E3B1F0A1D2C},CsEws,10,Diagnostic=[SSL connect error -- error:1408F119:SSL routines:SSL3_GET_RECORD: decryption failed or bad record mac] Verb=[POST]
10:37:12.321 |9156,mail.example.com,{5C0E9B7A-1D1E-4F7B-9C44-0E3B1F0A1D2C},CsEws,10,[CsEws/CsEwsHttp.cpp:312]: HTTP request failed with error: Bad response from server, HTTP code returned: 403, HTTP status code: 403, for ews URL: https://mail.example.com/EWS/Exchange.ASMX, verb: POST
10:37:12.321 |9156,mail.example.com,{5C0E9B7A-1D1E-4F7B-9C44-0E3B1F0A1D2C},CsEws,10,[CsEws/CsEwsHttp.cpp:312]: HTTP request failed with error: Bad response from server, HTTP code returned: 440, HTTP status code: 440, for ews URL: https://mail.example.com/EWS/Exchange.ASMX, verb: POST
10:37:12.321 |9156,mail.example.com,{5C0E9B7A-1D1E-4F7B-9C44-0E3B1F0A1D2C},CsEws,10,[CsEws/CsEwsHttp.cpp:312]: HTTP request failed with error: Bad response from server, HTTP code returned: 500, HTTP status code: 500, for ews URL: https://mail.example.com/EWS/Exchange.ASMX, verb: POST
10:37:12.321 |9156,mail.example.com,{5C0E9B7A-1D1E-4F7B-9C44-0E3B1F0A1D2C},CsEws,10,[CsEws/CsEwsResponse.cpp:88]: HTTP status=[500 Internal Server Error] ErrorImpersonateUserDenied The account does not have permission to impersonate the requested user.
10:37:12.321 |9156,mail.example.com,{5C0E9B7A-1D1E-4F7B-9C44-0E3B1F0A1D2C},CsEws,10,[CsEws/CsEwsResponse.cpp:88]: EWS response code: ErrorNonExistentMailbox, The SMTP address has no mailbox associated with it.
01:10:20.300 |6549,mail.example.com,{5C0E9B7A-1D1E-4F7B-9C44-0E3B1F0A1D2C}, CsWebDav,14,[CsWebDav/CsWebDavMbxClient.cpp:3340]: HTTP Status code: 500, WEBDAV response headers: HTTP/1.1 500 Internal Server Error
