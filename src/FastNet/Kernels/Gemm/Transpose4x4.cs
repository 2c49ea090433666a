using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace FastNet.Kernels;

/// <summary>
/// A 4×4 block transpose from registers to memory: four vectors, each a column of four rows, stored as four rows of four
/// (SSE unpacks and half moves, ARM64 zips, element by element elsewhere). The narrow tn product's accumulators hold
/// columns of c; this turns them into c's rows.
/// </summary>
internal static unsafe class Transpose4x4
{
    // rows (4×4, row-major) = [s0 s1 s2 s3]: rows[4r + q] = s_q[r]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector128<float> s0, Vector128<float> s1, Vector128<float> s2, Vector128<float> s3, float* rows)
    {
        if (Sse.IsSupported)
        {
            Vector128<float> t0 = Sse.UnpackLow(s0, s1), t1 = Sse.UnpackHigh(s0, s1);   // s0₀ s1₀ s0₁ s1₁ | s0₂ s1₂ s0₃ s1₃
            Vector128<float> t2 = Sse.UnpackLow(s2, s3), t3 = Sse.UnpackHigh(s2, s3);
            Sse.Store(rows, Sse.MoveLowToHigh(t0, t2));
            Sse.Store(rows + 4, Sse.MoveHighToLow(t2, t0));
            Sse.Store(rows + 8, Sse.MoveLowToHigh(t1, t3));
            Sse.Store(rows + 12, Sse.MoveHighToLow(t3, t1));
            return;
        }
        if (AdvSimd.Arm64.IsSupported)
        {
            Vector128<double> t0 = AdvSimd.Arm64.ZipLow(s0, s1).AsDouble(), t1 = AdvSimd.Arm64.ZipHigh(s0, s1).AsDouble();
            Vector128<double> t2 = AdvSimd.Arm64.ZipLow(s2, s3).AsDouble(), t3 = AdvSimd.Arm64.ZipHigh(s2, s3).AsDouble();
            AdvSimd.Arm64.ZipLow(t0, t2).AsSingle().Store(rows);
            AdvSimd.Arm64.ZipHigh(t0, t2).AsSingle().Store(rows + 4);
            AdvSimd.Arm64.ZipLow(t1, t3).AsSingle().Store(rows + 8);
            AdvSimd.Arm64.ZipHigh(t1, t3).AsSingle().Store(rows + 12);
            return;
        }
        for (int r = 0; r < 4; r++)
        {
            rows[4 * r] = s0.GetElement(r);
            rows[4 * r + 1] = s1.GetElement(r);
            rows[4 * r + 2] = s2.GetElement(r);
            rows[4 * r + 3] = s3.GetElement(r);
        }
    }
}
