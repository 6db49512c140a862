09:30:00.000 |9156,ex01.example.com,{5C0E9B7A-1D1E-4F7B-9C44-0E3B1F0A1D2C},CsEws,14,[CsEws/CsEwsHttp.cpp:312]: HTTP request failed with error: , HTTP status code: 401, for ews URL: https://ex01.example.com/EWS/Exchange.ASMX, verb: POST
09:30:23.000 |9156,ex02.example.com,,CsEws,11,[CsEws/CsEwsHttp.cpp:298]: HTTP status code: 200, for ews URL: https://ex02.example.com/EWS/Exchange.ASMX, verb: POST
09:30:46.000 |9156,,,CsMbxSync,11,[CsMbxSync/CsMbxSyncChecker.cpp:201]: checker thread: 0 subscriptions older than 15 minutes
09:31:09.000 |9156,ex02.example.com,,CsEws,-1,[CsEws/CsEwsHttp.cpp:312]: HTTP request failed with error: Timeout was reached, HTTP status code: 0, for ews URL: https://ex02.example.com/EWS/Exchange.ASMX, verb: POST Diagnostic=[Timeout was reached -- operation timed out after 1000 milliseconds with 0 bytes received]
09:31:32.000 |9156,,,CsMbxSync,11,[CsMbxSync/CsMbxSyncChecker.cpp:201]: checker thread: 0 subscriptions older than 15 minutes
09:31:55.000 |9156,ex02.example.com,{5C0E9B7A-1D1E-4F7B-9C44-0E3B1F0A1D2C},CsEws,14,[CsEws/CsEwsHttp.cpp:312]: HTTP request failed with error: , HTTP status code: 401, for ews URL: https://ex02.example.com/EWS/Exchange.ASMX, verb: POST
09:32:18.000 |9156,,,CsMbxSync,11,[CsMbxSync/CsMbxSyncChecker.cpp:201]: checker thread: 0 subscriptions older than 15 minutes
09:32:41.000 |9156,ex02.example.com,,CsEws,11,[CsEws/CsEwsHttp.cpp:298]: HTTP status code: 200, for ews URL: https://ex02.example.com/EWS/Exchange.ASMX, verb: POST
09:33:04.000 |9156,,,CsMbxSync,11,[CsMbxSync/CsMbxSyncChecker.cpp:201]: checker thread: 0 subscriptions older than 15 minutes
09:33:27.000 |9156,ex02.example.com,,CsEws,11,[CsEws/CsEwsHttp.cpp:298]: HTTP status code: 200, for ews URL: https://ex02.example.com/EWS/Exchange.ASMX, verb: POST
09:33:50.000 |9156,ex01.example.com,{5C0E9B7A-1D1E-4F7B-9C44-0E3B1F0A1D2C},CsEws,14,[CsEws/CsEwsHttp.cpp:312]: HTTP request failed with error: , HTTP status code: 401, for ews URL: https://ex01.example.com/EWS/Exchange.ASMX, verb: POST
09:34:13.000 |9156,ex02.example.com,,CsEws,11,[CsEws/CsEwsHttp.cpp:298]: HTTP status code: 200, for ews URL: https://ex02.example.com/EWS/Exchange.ASMX, verb: POST
09:34:36.000 |9156,,,CsMbxSync,11,[CsMbxSync/CsMbxSyncChecker.cpp:201]: checker thread: 0 subscriptions older than 15 minutes
09:34:59.000 |9156,ex02.example.com,,CsEws,11,[CsEws/CsEwsHttp.cpp:298]: HTTP status code: 200, for ews URL: https://ex02.example.com/EWS/Exchange.ASMX, verb: POST
09:35:22.000 |9156,,,CsMbxSync,11,[CsMbxSync/CsMbxSyncChecker.cpp:201]: checker thread: 0 subscriptions older than 15 minutes
09:35:45.000 |9156,ex02.example.com,{5C0E9B7A-1D1E-4F7B-9C44-0E3B1F0A1D2C},CsEws,14,[CsEws/CsEwsHttp.cpp:312]: HTTP request failed with error: , HTTP status code: 401, for ews URL: https://ex02.example.com/EWS/Exchange.ASMX, verb: POST
09:36:08.000 |9156,,,CsMbxSync,11,[CsMbxSync/CsMbxSyncChecker.cpp:201]: checker thread: 0 subscriptions older than 15 minutes
09:36:31.000 |9156,ex02.example.com,,CsEws,-1,[CsEws/CsEwsHttp.cpp:312]: HTTP request failed with error: Timeout was reached, HTTP status code: 0, for ews URL: https://ex02.example.com/EWS/Exchange.ASMX, verb: POST Diagnostic=[Timeout was reached -- operation timed out after 1000 milliseconds with 0 bytes received]
09:36:54.000 |9156,,,CsMbxSync,11,[CsMbxSync/CsMbxSyncChecker.cpp:201]: checker thread: 0 subscriptions older than 15 minutes
09:37:17.000 |9156,ex02.example.com,,CsEws,11,[CsEws/CsEwsHttp.cpp:298]: HTTP status code: 200, for ews URL: https://ex02.example.com/EWS/Exchange.ASMX, verb: POST
09:37:40.000 |9156,ex01.example.com,{5C0E9B7A-1D1E-4F7B-9C44-0E3B1F0A1D2C},CsEws,14,[CsEws/CsEwsHttp.cpp:312]: HTTP request failed with error: , HTTP status code: 401, for ews URL: https://ex01.example.com/EWS/Exchange.ASMX, verb: POST
09:38:03.000 |9156,ex02.example.com,,CsEws,11,[CsEws/CsEwsHttp.cpp:298]: HTTP status code: 200, for ews URL: https://ex02.example.com/EWS/Exchange.ASMX, verb: POST
09:38:26.000 |9156,,,CsMbxSync,11,[CsMbxSync/CsMbxSyncChecker.cpp:201]: checker thread: 0 subscriptions older than 15 minutes
09:38:49.000 |9156,ex02.example.com,,CsEws,11,[CsEws/CsEwsHttp.cpp:298]: HTTP status code: 200, for ews URL: https://ex02.example.com/EWS/Exchange.ASMX, verb: POST
09:39:12.000 |9156,ex01.example.com,,CsEws,-1,[CsEws/CsEwsHttp.cpp:312]: HTTP request failed with error: Timeout was reached, HTTP status code: 0, for ews URL: https://ex01.example.com/EWS/Exchange.ASMX, verb: POST Diagnostic=[Timeout was reached -- operation timed out after 1000 milliseconds with 0 bytes received]
09:39:35.000 |9156,ex02.example.com,{5C0E9B7A-1D1E-4F7B-9C44-0E3B1F0A1D2C},CsEws,14,[CsEws/CsEwsHttp.cpp:312]: HTTP request failed with error: , HTTP status code: 401, for ews URL: https://ex02.example.com/EWS/Exchange.ASMX, verb: POST
09:39:58.000 |9156,,,CsMbxSync,11,[CsMbxSync/CsMbxSyncChecker.cpp:201]: checker thread: 0 subscriptions older than 15 minutes
09:40:21.000 |9156,ex02.example.com,,CsEws,11,[CsEws/CsEwsHttp.cpp:298]: HTTP status code: 200, for ews URL: https://ex02.example.com/EWS/Exchange.ASMX, verb: POST
09:40:44.000 |9156,,,CsMbxSync,11,[CsMbxSync/CsMbxSyncChecker.cpp:201]: checker thread: 0 subscriptions older than 15 minutes
09:41:07.000 |9156,ex02.example.com,,CsEws,11,[CsEws/CsEwsHttp.cpp:298]: HTTP status code: 200, for ews URL: https://ex02.example.com/EWS/Exchange.ASMX, verb: POST
09:41:30.000 |9156,ex01.example.com,{5C0E9B7A-1D1E-4F7B-9C44-0E3B1F0A1D2C},CsEws,14,[CsEws/CsEwsHttp.cpp:312]: HTTP request failed with error: , HTTP status code: 401, for ews URL: https://ex01.example.com/EWS/Exchange.ASMX, verb: POST
09:41:53.000 |9156,ex02.example.com,,CsEws,-1,[CsEws/CsEwsHttp.cpp:312]: HTTP request failed with error: Timeout was reached, HTTP status code: 0, for ews URL: https://ex02.example.com/EWS/Exchange.ASMX, verb: POST Diagnostic=[Timeout was reached -- operation timed out after 1000 milliseconds with 0 bytes received]
