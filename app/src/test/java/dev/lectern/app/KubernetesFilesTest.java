package dev.lectern.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lectern.infra.config.ConfigSource;
import dev.lectern.infra.config.Setting;
import dev.lectern.infra.jobs.JobHandlers;
import dev.lectern.infra.jobs.JobQueue;
import dev.lectern.infra.jobs.NewJob;
import dev.lectern.testkit.TestSettings;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * deploy/kubernetes held to the code: every object is what its kind allows, every setting is real
 * and parses, probes reach routes that answer on the ports the processes listen on, pods outlast
 * the shutdown grace, and KEDA's queries count exactly the due and running jobs of their workers'
 * lanes in a migrated database.
 */
@DisplayName("The Kubernetes manifests")
class KubernetesFilesTest {
    private static final Map<String, Class<?>> KINDS =
            Map.of(
                    "Deployment", Deployment.class,
                    "Service", Service.class,
                    "ConfigMap", ConfigMap.class,
                    "Namespace", Namespace.class,
                    "Job", Job.class,
                    "PodDisruptionBudget", PodDisruptionBudget.class,
                    "HorizontalPodAutoscaler", HorizontalPodAutoscaler.class);
    private static final Set<String> CUSTOM_KINDS =
            Set.of("ScaledObject", "TriggerAuthentication", "ServiceMonitor", "PrometheusRule");

    private static Lectern worker;
    private static final Map<String, Set<String>> LANE_KINDS = new HashMap<>();

    @BeforeAll
    static void startWorker() {
        // A migrated database, the kinds each lane runs (caught as the modules register them,
        // while the worker itself runs none), and the health routes on an ops port.
        Map<String, String> settings = TestSettings.isolated("kubernetes");
        settings.put(Setting.OPS_PORT.key(), "0");
        settings.put(Setting.SHUTDOWN_GRACE_SECONDS.key(), "1");
        // Every kind a lane can run: captions (PocketSphinx, installed by the test command) and
        // slides on.
        settings.put("LECTERN_CAPTIONS_ENGINE", "auto");
        settings.put("LECTERN_SLIDES", "on");
        worker =
                Lectern.start(
                        LecternConfig.from(ConfigSource.of(settings)),
                        Set.of(Role.WORKER),
                        (modules, main, background) -> {
                            JobHandlers mainKinds = new JobHandlers();
                            JobHandlers backgroundKinds = new JobHandlers();
                            Lectern.FEATURE_JOBS.register(modules, mainKinds, backgroundKinds);
                            LANE_KINDS.put("main", mainKinds.kinds());
                            LANE_KINDS.put("background", backgroundKinds.kinds());
                        });
    }

    @AfterAll
    static void stopWorker() {
        worker.close();
    }

    @Test
    @DisplayName("are objects of their kinds with no field the API would not know")
    void objectsOfTheirKinds() throws Exception {
        for (Path file : manifestFiles()) {
            for (JsonNode document : DeployFiles.documents(file)) {
                String kind = document.path("kind").asText();
                String where = file + " " + kind + " " + document.at("/metadata/name").asText();
                if (CUSTOM_KINDS.contains(kind)) {
                    assertThat(document.path("apiVersion").asText())
                            .as(where)
                            .isIn("keda.sh/v1alpha1", "monitoring.coreos.com/v1");
                    continue;
                }
                assertThat(KINDS).as(where + ": a kind these files use").containsKey(kind);
                Object object = DeployFiles.YAML.treeToValue(document, KINDS.get(kind));
                assertNoUnknownFields(object, where);
            }
        }
    }

    @Test
    @DisplayName("set only real settings, with values Lectern accepts, and start real roles")
    void realSettingsAndRoles() throws Exception {
        Map<String, String> config = baseConfig();
        Map<String, String> secrets = secretsExample();
        assertThat(config.keySet()).as("config.yaml").isSubsetOf(DeployFiles.SETTINGS);
        assertThat(secrets.keySet()).as("secrets.env.example").isSubsetOf(DeployFiles.SETTINGS);
        JsonNode patch =
                DeployFiles.document(
                        DeployFiles.ROOT.resolve("kubernetes/overlays/school/config-patch.yaml"));
        assertThat(DeployFiles.strings(patch.path("data")).keySet())
                .as("config-patch.yaml")
                .isSubsetOf(DeployFiles.SETTINGS);

        for (var pod : pods().entrySet()) {
            for (Container container : pod.getValue().getContainers()) {
                assertThat(container.getArgs()).as(pod.getKey()).hasSize(1);
                assertThat(DeployFiles.COMMANDS).contains(container.getArgs().get(0));
                Map<String, String> env = environment(container);
                assertThat(env.keySet()).as(pod.getKey()).isSubsetOf(DeployFiles.SETTINGS);
                // Parsing the whole configuration is what a start does first: a bad value here
                // would stop the pod with one line.
                LecternConfig.from(ConfigSource.of(processSettings(env)));
            }
        }
    }

    @Test
    @DisplayName(
            "probe routes that answer, on the ports the processes listen on, and outlast the grace")
    void probesPortsAndGrace() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        Set<String> probed = new TreeSet<>();
        for (var pod : pods().entrySet()) {
            PodSpec spec = pod.getValue();
            if (spec.getRestartPolicy() != null && spec.getRestartPolicy().equals("Never")) {
                continue; // the migration Job: no probes, it exits
            }
            Container container = spec.getContainers().get(0);
            LecternConfig config =
                    LecternConfig.from(ConfigSource.of(processSettings(environment(container))));
            String role = container.getArgs().get(0);
            int listening =
                    role.equals("worker")
                            ? config.infra().http().opsPort().orElseThrow()
                            : config.infra().http().port();
            for (Probe probe :
                    List.of(
                            container.getStartupProbe(),
                            container.getLivenessProbe(),
                            container.getReadinessProbe())) {
                HTTPGetAction get = probe.getHttpGet();
                assertThat(portNumber(container, get.getPort().getStrVal()))
                        .as(pod.getKey() + " probes the port it listens on")
                        .isEqualTo(listening);
                probed.add(get.getPath());
            }
            long grace = config.infra().shutdownGrace().toSeconds();
            long preStop =
                    container.getLifecycle() == null
                            ? 0
                            : container.getLifecycle().getPreStop().getSleep().getSeconds();
            assertThat(spec.getTerminationGracePeriodSeconds())
                    .as(pod.getKey() + ": running work is handed back before the kill")
                    .isGreaterThan(grace + preStop);
            assertThat(spec.getSecurityContext().getRunAsNonRoot()).isTrue();
            assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
            assertThat(container.getVolumeMounts())
                    .as(pod.getKey() + ": the data directory is writable")
                    .anySatisfy(
                            mount ->
                                    assertThat(Path.of(mount.getMountPath()))
                                            .isEqualTo(config.infra().dataDir()));
        }
        assertThat(probed).containsExactly("/health/live", "/health/ready");
        for (String path : probed) {
            HttpResponse<String> answer =
                    client.send(
                            HttpRequest.newBuilder(
                                            URI.create(
                                                    "http://127.0.0.1:" + worker.opsPort() + path))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(path).isEqualTo(200);
        }
    }

    @Test
    @DisplayName("scale each lane's workers on exactly its due and running jobs")
    void kedaQueriesCountTheirLanes() throws Exception {
        Map<String, String> config = baseConfig();
        URI database = URI.create(config.get("LECTERN_DATABASE_URL"));
        Map<String, JsonNode> scaled = new LinkedHashMap<>();
        for (JsonNode document : baseDocuments()) {
            if (document.path("kind").asText().equals("ScaledObject")) {
                scaled.put(document.at("/spec/scaleTargetRef/name").asText(), document);
            }
        }
        Map<String, PodSpec> pods = pods();
        assertThat(scaled).isNotEmpty();
        assertThat(LANE_KINDS.get("main")).contains("transcode");
        assertThat(LANE_KINDS.get("background")).contains("captions");

        JobQueue queue = new JobQueue(worker.infrastructure().pool, 3);
        Map<String, Integer> expected = new HashMap<>();
        for (Set<String> kinds : LANE_KINDS.values()) {
            for (String kind : kinds) {
                // Counted: due now, running. Not counted: due later, finished, failed.
                enqueue(queue, kind, null, Duration.ZERO);
                enqueue(queue, kind, "running", Duration.ZERO);
                enqueue(queue, kind, null, Duration.ofHours(1));
                enqueue(queue, kind, "succeeded", Duration.ZERO);
                enqueue(queue, kind, "failed", Duration.ZERO);
                expected.merge(kind, 2, Integer::sum);
            }
        }

        for (var entry : scaled.entrySet()) {
            PodSpec pod = pods.get("Deployment " + entry.getKey());
            assertThat(pod).as("scaleTargetRef " + entry.getKey()).isNotNull();
            String lane = environment(pod.getContainers().get(0)).get("LECTERN_WORKER_LANES");
            Set<String> kinds = LANE_KINDS.get(lane);
            assertThat(kinds).as(entry.getKey() + "'s lane").isNotNull();

            JsonNode trigger = entry.getValue().at("/spec/triggers/0");
            assertThat(trigger.path("type").asText()).isEqualTo("postgresql");
            JsonNode metadata = trigger.path("metadata");
            assertThat(metadata.path("host").asText()).isEqualTo(database.getHost());
            assertThat(metadata.path("port").asInt()).isEqualTo(database.getPort());
            assertThat("/" + metadata.path("dbName").asText()).isEqualTo(database.getPath());
            assertThat(metadata.path("userName").asText())
                    .isEqualTo(config.get("LECTERN_DATABASE_USER"));
            String query = metadata.path("query").asText();
            assertThat(kindsNamedIn(query)).as(entry.getKey() + "'s query").isEqualTo(kinds);

            long count =
                    Blocking.await(worker.infrastructure().pool.query(query).execute())
                            .iterator()
                            .next()
                            .getLong(0);
            long wanted = kinds.stream().mapToInt(expected::get).sum();
            assertThat(count).as(entry.getKey() + ": due and running jobs").isEqualTo(wanted);
        }
        for (JsonNode document : baseDocuments()) {
            if (document.path("kind").asText().equals("TriggerAuthentication")) {
                for (JsonNode ref : document.at("/spec/secretTargetRef")) {
                    assertThat(secretsExample()).containsKey(ref.path("key").asText());
                }
            }
        }
    }

    @Test
    @DisplayName("render with kustomize into the school's namespace and database host")
    void kustomizeRenders() throws Exception {
        assumeTrue(onPath("kubectl"), "kubectl is not installed");
        Path overlay = DeployFiles.ROOT.resolve("kubernetes/overlays/school");
        Path secrets = overlay.resolve("secrets.env");
        assumeTrue(!Files.exists(secrets), "an operator's secrets.env is present");
        Files.copy(overlay.resolve("secrets.env.example"), secrets);
        String rendered;
        try {
            Process kubectl =
                    new ProcessBuilder("kubectl", "kustomize", overlay.toString())
                            .redirectErrorStream(true)
                            .start();
            rendered = new String(kubectl.getInputStream().readAllBytes());
            assertThat(kubectl.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(kubectl.exitValue()).as(rendered).isZero();
        } finally {
            Files.delete(secrets);
        }
        Path file = Files.createTempFile("lectern-rendered", ".yaml");
        Files.writeString(file, rendered);
        String host =
                URI.create(
                                DeployFiles.strings(
                                                DeployFiles.document(
                                                                overlay.resolve(
                                                                        "config-patch.yaml"))
                                                        .path("data"))
                                        .get("LECTERN_DATABASE_URL"))
                        .getHost();
        int objects = 0;
        for (JsonNode document : DeployFiles.documents(file)) {
            objects++;
            String kind = document.path("kind").asText();
            if (!kind.equals("Namespace")) {
                assertThat(document.at("/metadata/namespace").asText()).isEqualTo("lectern");
            }
            if (kind.equals("ScaledObject")) {
                assertThat(document.at("/spec/triggers/0/metadata/host").asText()).isEqualTo(host);
            }
            if (kind.equals("Deployment") || kind.equals("Job")) {
                assertThat(document.at("/spec/template/spec/containers/0/image").asText())
                        .startsWith("registry.example.edu/lectern:");
            }
        }
        Files.delete(file);
        assertThat(objects).isGreaterThan(15);
    }

    private static void enqueue(JobQueue queue, String kind, String status, Duration delay) {
        long id =
                Blocking.await(
                        queue.enqueue(
                                NewJob.of(kind, new JsonObject().put("test", true))
                                        .delayedBy(delay)));
        if (status != null) {
            Blocking.await(
                    worker.infrastructure()
                            .pool
                            .preparedQuery(
                                    "UPDATE jobs SET status = $2, lease_owner = CASE WHEN $2 ="
                                            + " 'running' THEN 'elsewhere' END,"
                                            + " lease_expires_at = CASE WHEN $2 = 'running'"
                                            + " THEN now() + interval '1 hour' END WHERE id = $1")
                            .execute(Tuple.of(id, status)));
        }
    }

    private static Set<String> kindsNamedIn(String query) {
        Matcher in = Pattern.compile("kind IN \\(([^)]*)\\)").matcher(query);
        assertThat(in.find()).as(query).isTrue();
        Set<String> kinds = new TreeSet<>();
        Matcher quoted = Pattern.compile("'([a-z_.]+)'").matcher(in.group(1));
        while (quoted.find()) {
            kinds.add(quoted.group(1));
        }
        return kinds;
    }

    /** What a container's process reads: the ConfigMap, the Secret, then its own env. */
    private static Map<String, String> processSettings(Map<String, String> env) throws Exception {
        Map<String, String> settings = new HashMap<>(baseConfig());
        settings.putAll(secretsExample());
        settings.putAll(env);
        return settings;
    }

    private static Map<String, String> environment(Container container) {
        Map<String, String> env = new LinkedHashMap<>();
        for (EnvVar var : container.getEnv()) {
            env.put(var.getName(), var.getValue());
        }
        return env;
    }

    private static int portNumber(Container container, String name) {
        return container.getPorts().stream()
                .filter(p -> p.getName().equals(name))
                .map(ContainerPort::getContainerPort)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no port named " + name));
    }

    private static Map<String, PodSpec> pods() throws Exception {
        Map<String, PodSpec> pods = new LinkedHashMap<>();
        for (JsonNode document : baseDocuments()) {
            switch (document.path("kind").asText()) {
                case "Deployment" -> {
                    Deployment d = DeployFiles.YAML.treeToValue(document, Deployment.class);
                    pods.put(
                            "Deployment " + d.getMetadata().getName(),
                            d.getSpec().getTemplate().getSpec());
                }
                case "Job" -> {
                    Job j = DeployFiles.YAML.treeToValue(document, Job.class);
                    pods.put(
                            "Job " + j.getMetadata().getName(),
                            j.getSpec().getTemplate().getSpec());
                }
                default -> {}
            }
        }
        assertThat(pods).containsKeys("Deployment lectern-api", "Deployment lectern-worker");
        return pods;
    }

    private static Map<String, String> baseConfig() throws Exception {
        for (JsonNode document : baseDocuments()) {
            if (document.path("kind").asText().equals("ConfigMap")) {
                return DeployFiles.strings(document.path("data"));
            }
        }
        throw new AssertionError("no ConfigMap in the base");
    }

    private static Map<String, String> secretsExample() throws Exception {
        return DeployFiles.envFile(
                DeployFiles.ROOT.resolve("kubernetes/overlays/school/secrets.env.example"));
    }

    /** The base's objects, as kustomize would list them from its resources. */
    private static List<JsonNode> baseDocuments() throws Exception {
        Path base = DeployFiles.ROOT.resolve("kubernetes/base");
        List<JsonNode> documents = new ArrayList<>();
        for (JsonNode resource :
                DeployFiles.document(base.resolve("kustomization.yaml")).path("resources")) {
            documents.addAll(DeployFiles.documents(base.resolve(resource.asText())));
        }
        return documents;
    }

    /** Every manifest, the overlay's patches and namespace included; kustomizations are not. */
    private static List<Path> manifestFiles() throws Exception {
        return DeployFiles.yamlFiles("kubernetes").stream()
                .filter(f -> !f.getFileName().toString().equals("kustomization.yaml"))
                .toList();
    }

    /**
     * Jackson puts a field the model does not declare into the object's additional properties:
     * a misspelt or misplaced field, which the API server would refuse or ignore.
     */
    private static void assertNoUnknownFields(Object object, String where) throws Exception {
        if (object == null) {
            return;
        }
        if (object instanceof Collection<?> items) {
            for (Object item : items) {
                assertNoUnknownFields(item, where);
            }
            return;
        }
        if (object instanceof Map<?, ?> map) {
            for (Object value : map.values()) {
                assertNoUnknownFields(value, where);
            }
            return;
        }
        if (!object.getClass().getPackageName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        Method additional;
        try {
            additional = object.getClass().getMethod("getAdditionalProperties");
        } catch (NoSuchMethodException e) {
            return; // a value type (IntOrString, Quantity)
        }
        Map<?, ?> unknown = (Map<?, ?>) additional.invoke(object);
        assertThat(unknown)
                .as(where + ": fields " + object.getClass().getSimpleName() + " does not have")
                .isEmpty();
        for (Method getter : object.getClass().getMethods()) {
            if (getter.getName().startsWith("get")
                    && getter.getParameterCount() == 0
                    && !getter.getName().equals("getAdditionalProperties")
                    && getter.getDeclaringClass().getPackageName().startsWith("io.fabric8")) {
                assertNoUnknownFields(getter.invoke(object), where);
            }
        }
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
