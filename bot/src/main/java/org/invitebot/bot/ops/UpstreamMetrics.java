package org.invitebot.bot.ops;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Timer;

import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Times every HTTP call by upstream (Authentik, Matrix, Signal) and outcome, as a latency histogram.
 * Matrix's {@code /sync} waits by design, so it is kept apart from the calls that should be quick.
 */
public final class UpstreamMetrics implements Interceptor {

    private final Telemetry telemetry;
    private final Map<HttpUrl, String> upstreams;

    /** @param upstreams base URL → upstream name */
    public UpstreamMetrics(Telemetry telemetry, Map<HttpUrl, String> upstreams) {
        this.telemetry = telemetry;
        this.upstreams = Map.copyOf(upstreams);
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        String upstream = upstream(chain.request().url());
        String call = chain.request().url().encodedPath().endsWith("/sync") ? "sync" : chain.request().method();
        long started = System.nanoTime();
        String outcome = "io_error";
        try {
            Response response = chain.proceed(chain.request());
            outcome = response.code() < 400 ? "ok" : response.code() == 429 ? "rate_limited" : "http_" + response.code() / 100 + "xx";
            return response;
        } finally {
            Timer.builder("invitebot.upstream.requests").description("HTTP calls to Authentik, Matrix and Signal")
                    .tag("upstream", upstream).tag("call", call).tag("outcome", outcome)
                    .publishPercentileHistogram()
                    .register(telemetry.registry())
                    .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        }
    }

    private String upstream(HttpUrl url) {
        return upstreams.entrySet().stream()
                .filter(base -> base.getKey().host().equals(url.host()) && base.getKey().port() == url.port()
                        && url.encodedPath().startsWith(base.getKey().encodedPath()))
                .map(Map.Entry::getValue)
                .findFirst().orElse("other");
    }
}
